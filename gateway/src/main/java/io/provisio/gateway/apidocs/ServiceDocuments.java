package io.provisio.gateway.apidocs;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelOption;
import io.provisio.gateway.config.GatewayProperties;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * Every service's own OpenAPI document ({@code /v3/api-docs} on its API port), fetched in the background from
 * start-up on: again every {@code refresh-interval}, and every {@code retry-interval} while one is missing. What a
 * request for the merged document reads is the last copy each service gave, so a service that is down or slow
 * neither fails nor delays the document: it is served with that service's last good copy, or, if there never was
 * one, without its paths and naming it ({@link #missing()}).
 */
@Component
class ServiceDocuments implements SmartLifecycle {

    static final String PATH = "/v3/api-docs";
    private static final Logger log = LoggerFactory.getLogger(ServiceDocuments.class);

    /** One service's last good document and when it was fetched. */
    record Copy(OpenAPI document, Instant fetchedAt) {
    }

    private final Map<String, URI> services = new LinkedHashMap<>();
    private final ApiDocsProperties properties;
    private final WebClient client;
    private final Map<String, Copy> copies = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final String issuer;
    private volatile Disposable refreshing;
    private volatile String merged;

    ServiceDocuments(GatewayProperties gateway, ApiDocsProperties properties) {
        services.put("customer", gateway.services().customer());
        services.put("identity", gateway.services().identity());
        services.put("subscription", gateway.services().subscription());
        services.put("notification", gateway.services().notification());
        this.properties = properties;
        this.issuer = gateway.issuer();
        this.merged = merge();
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
                        .responseTimeout(properties.timeout())))
                // A document is tens of kilobytes; the default 256 KB would cut a large one.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
    }

    /** The services whose last good copies there are, in merge order. */
    Map<String, OpenAPI> documents() {
        Map<String, OpenAPI> documents = new LinkedHashMap<>();
        services.keySet().forEach(service -> {
            Copy copy = copies.get(service);
            if (copy != null) {
                documents.put(service, copy.document());
            }
        });
        return documents;
    }

    /** Services of which there is no copy at all: their paths are not in the document. */
    Set<String> missing() {
        Set<String> missing = new TreeSet<>(services.keySet());
        missing.removeAll(copies.keySet());
        return missing;
    }

    /** Services whose last fetch failed but of which an older copy is served. */
    Set<String> stale() {
        Set<String> stale = new TreeSet<>(failing);
        stale.retainAll(copies.keySet());
        return stale;
    }

    /** The merged document (JSON) as of the last refresh. */
    String merged() {
        return merged;
    }

    /**
     * Fetches every service's document once, in parallel, and merges what there is; completes when all have
     * answered or failed.
     */
    Mono<Void> refresh() {
        return Flux.fromIterable(services.entrySet())
                .flatMap(service -> fetch(service.getKey(), service.getValue()))
                .then(Mono.fromRunnable(() -> merged = merge()).subscribeOn(Schedulers.boundedElastic()))
                .then();
    }

    private String merge() {
        try {
            return MergedDocument.json(MergedDocument.build(issuer, documents(), missing(), stale()));
        } catch (RuntimeException e) {
            // A document that cannot be merged must not take the others away: keep the last merge.
            log.error("Could not merge the services' OpenAPI documents; serving the last merge", e);
            return merged;
        }
    }

    private Mono<Void> fetch(String service, URI base) {
        return client.get().uri(base.resolve(PATH)).accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(properties.timeout())
                .publishOn(Schedulers.boundedElastic())
                .map(ServiceDocuments::parse)
                .doOnNext(document -> {
                    copies.put(service, new Copy(document, Instant.now()));
                    if (failing.remove(service)) {
                        log.info("The OpenAPI document of {} is back", service);
                    }
                })
                .onErrorResume(e -> {
                    if (failing.add(service)) {
                        log.warn("Could not fetch the OpenAPI document of {} ({}); {}", service, e.toString(),
                                copies.containsKey(service) ? "serving its last good copy" : "its paths are left out");
                    }
                    return Mono.empty();
                })
                .then();
    }

    /** A service's answer, if it is an OpenAPI 3 document. */
    static OpenAPI parse(String body) {
        OpenAPI document;
        try {
            document = Json31.mapper().readValue(body, OpenAPI.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (document.getOpenapi() == null || !document.getOpenapi().startsWith("3.")) {
            throw new IllegalArgumentException("not an OpenAPI 3 document");
        }
        return document;
    }

    @Override
    public void start() {
        refreshing = Mono.defer(this::refresh)
                .then(Mono.defer(() -> Mono.delay(missing().isEmpty() && failing.isEmpty()
                        ? properties.refreshInterval() : properties.retryInterval())))
                .repeat()
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = refreshing;
        if (running != null) {
            running.dispose();
        }
        refreshing = null;
    }

    @Override
    public boolean isRunning() {
        return refreshing != null;
    }
}
