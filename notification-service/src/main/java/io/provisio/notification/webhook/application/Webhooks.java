package io.provisio.notification.webhook.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.provisio.ids.Ids;
import io.provisio.notification.webhook.domain.DeliveryStatus;
import io.provisio.notification.webhook.domain.EndpointStatus;
import io.provisio.notification.webhook.domain.TargetGuard;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.notification.webhook.domain.WebhookEndpoint;
import io.provisio.notification.webhook.domain.WebhookEventType;
import io.provisio.notification.webhook.domain.WebhookSignature;
import io.provisio.notification.webhook.persistence.DeliveryStore;
import io.provisio.notification.webhook.persistence.EndpointStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Endpoints and the deliveries fanned out to them. One event makes one delivery per endpoint of its partner that
 * subscribes to the type, each inserted if absent under an id derived from the source message's id and the
 * endpoint's: a redelivered source event writes nothing new.
 */
@Service
public class Webhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    private final EndpointStore endpoints;
    private final DeliveryStore store;
    private final TargetGuard guard;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Webhooks(EndpointStore endpoints, DeliveryStore store, TargetGuard guard, JsonMapper json, Clock clock) {
        this.endpoints = endpoints;
        this.store = store;
        this.guard = guard;
        this.json = json;
        this.clock = clock;
    }

    /** Why a URL may not be registered (SSRF rules), or empty. */
    public Optional<String> refusal(String url) {
        return guard.refusal(url);
    }

    /** @return the new endpoint, with its secret: the only time the secret leaves this service */
    public WebhookEndpoint register(String partnerId, String url, Set<WebhookEventType> events) {
        WebhookEndpoint endpoint = new WebhookEndpoint(Ids.newId("whe"), partnerId, url, Set.copyOf(events),
                WebhookSignature.newSecret(random), EndpointStatus.ENABLED, clock.instant(), null, null);
        endpoints.insert(endpoint);
        log.info("Partner {} registered webhook endpoint {} for {}", partnerId, endpoint.id(), events);
        return endpoint;
    }

    /**
     * Writes one delivery per subscribed, enabled endpoint of the partner.
     *
     * @param sourceMessageId the id of the message that announced the event; with the endpoint id it names the delivery
     * @param at              the event's own instant: the body's {@code timestamp}
     * @param data            the body's {@code data}: the onboarding and customer ids and what else the type carries
     * @return how many deliveries this call wrote (0 for a redelivered event)
     */
    public int announce(String partnerId, String sourceMessageId, WebhookEventType type, Instant at,
                        Map<String, Object> data) {
        return announce(partnerId, sourceMessageId, type, at, data, false);
    }

    /**
     * @param held whether the deliveries wait for the customer's onboarding to complete ({@link #releaseHeld})
     */
    public int announce(String partnerId, String sourceMessageId, WebhookEventType type, Instant at,
                        Map<String, Object> data, boolean held) {
        List<WebhookEndpoint> subscribed = endpoints.endpoints(partnerId).stream().filter(e -> e.subscribes(type)).toList();
        if (subscribed.isEmpty()) {
            return 0;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wireName());
        body.put("timestamp", (at == null ? clock.instant() : at).toString());
        body.put("data", data);
        String payload = json.writeValueAsString(body);
        Instant now = clock.instant();
        int written = 0;
        for (WebhookEndpoint endpoint : subscribed) {
            Object customerId = data.get("customerId");
            WebhookDelivery delivery = new WebhookDelivery(WebhookDelivery.idOf(sourceMessageId, endpoint.id()),
                    partnerId, endpoint.id(), customerId == null ? null : customerId.toString(), type, payload,
                    held ? DeliveryStatus.HELD : DeliveryStatus.PENDING, 0, now, now, now, null, null, List.of());
            if (store.insertIfAbsent(delivery)) {
                written++;
            }
        }
        log.info("{} for partner {}: {} webhook delivery(ies) written{}", type.wireName(), partnerId, written,
                held ? ", held until the onboarding completes" : "");
        return written;
    }

    /** The customer's onboarding completed: what waited for it is due now. */
    public void releaseHeld(String partnerId, String customerId) {
        long released = store.releaseHeld(partnerId, customerId, clock.instant());
        if (released > 0) {
            log.info("{} held webhook delivery(ies) of customer {} released", released, customerId);
        }
    }

    /** The customer's onboarding was rolled back: what waited for it is never sent. */
    public void abandonHeld(String partnerId, String customerId) {
        long abandoned = store.abandonHeld(partnerId, customerId);
        if (abandoned > 0) {
            log.info("{} held webhook delivery(ies) of rolled-back customer {} abandoned", abandoned, customerId);
        }
    }
}
