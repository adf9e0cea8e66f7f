package io.provisio.notification.webhook.domain;

import java.time.Instant;
import java.util.Set;

/**
 * A partner's endpoint. The secret is kept as issued (it must key every signature); {@link #toString()} leaves it
 * out so no log line can carry it.
 */
public record WebhookEndpoint(String id, String partnerId, String url, Set<WebhookEventType> events, String secret,
                              EndpointStatus status, Instant createdAt, Instant disabledAt, String disabledReason) {

    public boolean subscribes(WebhookEventType type) {
        return status == EndpointStatus.ENABLED && events.contains(type);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[id=" + id + ", partnerId=" + partnerId + ", url=" + url + ", events=" + events
                + ", status=" + status + "]";
    }
}
