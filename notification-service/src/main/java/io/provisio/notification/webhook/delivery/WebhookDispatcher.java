package io.provisio.notification.webhook.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.notification.webhook.application.WebhookProperties;
import io.provisio.notification.webhook.domain.DeliveryAttempt;
import io.provisio.notification.webhook.domain.EndpointStatus;
import io.provisio.notification.webhook.domain.RetrySchedule;
import io.provisio.notification.webhook.domain.TargetGuard;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.notification.webhook.domain.WebhookEndpoint;
import io.provisio.notification.webhook.domain.WebhookSignature;
import io.provisio.notification.webhook.persistence.DeliveryClaims;
import io.provisio.notification.webhook.persistence.EndpointStore;
import io.provisio.platform.time.PeriodicWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhook deliveries, one claim at a time, like the e-mail dispatcher: an atomic find-and-modify with a
 * lease, the outcome written only while the claim is still ours. At least once: a replica that dies after the
 * receiver answered but before it recorded DELIVERED leaves the delivery to be sent again, with the same
 * {@code webhook-id}. Each attempt is signed anew (its own {@code webhook-timestamp}), checked against the SSRF
 * rules again, given {@code timeout} and never follows a redirect. A non-2xx answer, a timeout or a refused
 * connection is a failed attempt; after the retry window the delivery is FAILED and its endpoint DISABLED.
 */
public final class WebhookDispatcher extends PeriodicWorker {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR = 300;

    private final DeliveryClaims claims;
    private final EndpointStore endpoints;
    private final TargetGuard guard;
    private final WebhookProperties properties;
    private final RetrySchedule schedule;
    private final HttpClient http;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String owner = "webhooks-" + UUID.randomUUID();

    WebhookDispatcher(DeliveryClaims claims, EndpointStore endpoints, TargetGuard guard, WebhookProperties properties,
                      Clock clock, MeterRegistry meters) {
        super("webhook-dispatcher", properties.dispatchInterval(), Integer.MAX_VALUE - 200);
        this.claims = claims;
        this.endpoints = endpoints;
        this.guard = guard;
        this.properties = properties;
        this.schedule = new RetrySchedule(properties.retryBackoff(), properties.retryBackoffMax(),
                properties.retryWindow());
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.clock = clock;
        this.meters = meters;
        for (String outcome : List.of("delivered", "retried", "failed", "abandoned")) {
            meters.counter("provisio.webhook.deliveries", "outcome", outcome);
        }
        Gauge.builder("provisio.webhook.endpoints.disabled", endpoints, EndpointStore::countDisabled)
                .description("Webhook endpoints disabled after persistent failure").strongReference(true)
                .register(meters);
    }

    /** @return how many deliveries this call handled */
    public int dispatchDue() {
        int handled = 0;
        while (active()) {
            Optional<WebhookDelivery> claimed = claims.claimNextDue(clock.instant(), properties.lease(), owner);
            if (claimed.isEmpty()) {
                return handled;
            }
            deliver(claimed.get());
            handled++;
        }
        return handled;
    }

    @Override
    protected void round() {
        dispatchDue();
    }

    private void deliver(WebhookDelivery delivery) {
        Optional<WebhookEndpoint> endpoint = endpoints.endpoint(delivery.endpointId());
        if (endpoint.isEmpty() || endpoint.get().status() == EndpointStatus.DISABLED) {
            String why = endpoint.isEmpty() ? "endpoint deleted" : "endpoint disabled";
            if (claims.markFailed(delivery.id(), owner, why, null)) {
                count("abandoned");
                log.info("Webhook delivery {} abandoned: {}", delivery.id(), why);
            }
            return;
        }
        DeliveryAttempt attempt = attempt(delivery, endpoint.get());
        if (attempt.error() == null) {
            if (claims.markDelivered(delivery.id(), owner, attempt)) {
                count("delivered");
                log.info("Webhook delivery {} ({}) delivered to endpoint {}: {}", delivery.id(),
                        delivery.type().wireName(), delivery.endpointId(), attempt.statusCode());
            }
            return;
        }
        int attempts = delivery.attempts() + 1;
        Optional<Instant> next = schedule.next(delivery.retryFrom(), attempts, attempt.at());
        if (next.isPresent()) {
            if (claims.markRetry(delivery.id(), owner, attempt, next.get())) {
                count("retried");
                log.warn("Webhook delivery {} attempt {} to endpoint {} failed, next at {}: {}", delivery.id(),
                        attempts, delivery.endpointId(), next.get(), attempt.error());
            }
            return;
        }
        if (claims.markFailed(delivery.id(), owner, attempt.error(), attempt)) {
            count("failed");
            String reason = "delivery " + delivery.id() + " failed for " + properties.retryWindow() + ": "
                    + attempt.error();
            if (endpoints.disable(delivery.endpointId(), reason, attempt.at())) {
                // The partner's notification address is identity's and not known here (ADR 022): the disabled
                // state is on the endpoint resource, the gauge alerts operators, and this line says it.
                log.warn("Webhook endpoint {} of partner {} DISABLED after persistent failure: {}",
                        delivery.endpointId(), delivery.partnerId(), reason);
            }
        }
    }

    private DeliveryAttempt attempt(WebhookDelivery delivery, WebhookEndpoint endpoint) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        Optional<String> refusal = guard.refusal(endpoint.url());
        if (refusal.isPresent()) {
            return new DeliveryAttempt(at, null, "target refused: " + refusal.get(), 0);
        }
        long timestamp = at.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(properties.timeout())
                .header("content-type", "application/json")
                .header("user-agent", "Provisio-Webhooks/1")
                .header("webhook-id", delivery.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(endpoint.secret(), delivery.id(), timestamp,
                        delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
            int status = response.statusCode();
            return new DeliveryAttempt(at, status, status / 100 == 2 ? null : "HTTP " + status, took);
        } catch (HttpTimeoutException e) {
            return new DeliveryAttempt(at, null, "timed out after " + properties.timeout(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (IOException e) {
            return new DeliveryAttempt(at, null, truncate(e.getClass().getSimpleName() + ": " + e.getMessage()),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryAttempt(at, null, "interrupted", 0);
        }
    }

    private void count(String outcome) {
        meters.counter("provisio.webhook.deliveries", "outcome", outcome).increment();
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}
