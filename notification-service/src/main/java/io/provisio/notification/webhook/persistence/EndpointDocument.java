package io.provisio.notification.webhook.persistence;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.provisio.notification.webhook.domain.EndpointStatus;
import io.provisio.notification.webhook.domain.WebhookEndpoint;
import io.provisio.notification.webhook.domain.WebhookEventType;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code webhook_endpoints} document as Spring Data maps it, field for field as stored: event types by their wire
 * names, instants as dates; {@code disabledAt} and {@code disabledReason} only once it was disabled. The id stays a
 * string, as the hand mapping wrote it, even one that reads as ObjectId hex.
 */
record EndpointDocument(@MongoId(FieldType.STRING) String id, String partnerId, String url, List<String> events,
                        String secret, EndpointStatus status, Instant createdAt, Instant disabledAt,
                        String disabledReason) {

    static EndpointDocument of(WebhookEndpoint endpoint) {
        return new EndpointDocument(endpoint.id(), endpoint.partnerId(), endpoint.url(),
                endpoint.events().stream().map(WebhookEventType::wireName).toList(), endpoint.secret(),
                endpoint.status(), endpoint.createdAt(), endpoint.disabledAt(), endpoint.disabledReason());
    }

    /** The endpoint; event types this version does not know (a newer one's, or retired) are dropped. */
    WebhookEndpoint endpoint() {
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        if (events != null) {
            events.forEach(name -> WebhookEventType.ofWireName(name).ifPresent(types::add));
        }
        return new WebhookEndpoint(id, partnerId, url, types, secret, status, createdAt, disabledAt, disabledReason);
    }

    /** Never prints the signing secret. */
    @Override
    public String toString() {
        return "EndpointDocument[id=" + id + ", partnerId=" + partnerId + ", url=" + url + ", events=" + events
                + ", status=" + status + "]";
    }
}
