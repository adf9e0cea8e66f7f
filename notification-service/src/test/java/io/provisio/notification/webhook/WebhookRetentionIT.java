package io.provisio.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.provisio.notification.MutableClock;
import io.provisio.notification.RunningService;
import io.provisio.notification.webhook.delivery.WebhookRetention;
import io.provisio.notification.webhook.domain.DeliveryStatus;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.notification.webhook.domain.WebhookEventType;
import io.provisio.notification.webhook.persistence.DeliveryQueries;
import io.provisio.notification.webhook.persistence.DeliveryStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery log's retention: finished deliveries go after 30 days, open ones and younger ones stay. */
class WebhookRetentionIT extends RunningService {

    @Autowired
    DeliveryQueries store;
    @Autowired
    DeliveryStore deliveries;
    @Autowired
    WebhookRetention retention;
    @Autowired
    MutableClock clock;

    private final String partnerId = "p-" + UUID.randomUUID();

    @Test
    void deletesOnlyFinishedDeliveriesOlderThanTheRetention() {
        Instant now = clock.instant();
        Instant old = now.minus(Duration.ofDays(31));
        Instant young = now.minus(Duration.ofDays(29));
        String oldDelivered = stored(DeliveryStatus.DELIVERED, old);
        String oldFailed = stored(DeliveryStatus.FAILED, old);
        String oldAbandoned = stored(DeliveryStatus.ABANDONED, old);
        String youngDelivered = stored(DeliveryStatus.DELIVERED, young);
        String oldHeld = stored(DeliveryStatus.HELD, old);
        String oldPending = stored(DeliveryStatus.PENDING, old);

        long deleted = retention.sweep();

        assertThat(deleted).isGreaterThanOrEqualTo(3);
        assertThat(List.of(oldDelivered, oldFailed, oldAbandoned))
                .allSatisfy(id -> assertThat(store.delivery(id)).isEmpty());
        assertThat(List.of(youngDelivered, oldHeld, oldPending))
                .allSatisfy(id -> assertThat(store.delivery(id)).isPresent());
    }

    private String stored(DeliveryStatus status, Instant retryFrom) {
        String id = WebhookDelivery.idOf(UUID.randomUUID().toString(), "whe-" + UUID.randomUUID());
        assertThat(deliveries.insertIfAbsent(new WebhookDelivery(id, partnerId, "whe-test", null,
                WebhookEventType.ONBOARDING_COMPLETED, "{}", status, 1, retryFrom, retryFrom, retryFrom, null, null,
                List.of()))).isTrue();
        return id;
    }
}
