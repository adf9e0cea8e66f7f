package io.provisio.notification.webhook.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import io.provisio.notification.webhook.domain.DeliveryStatus;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

/**
 * The life of {@code webhook_deliveries} ({@link WebhookDocuments}) outside the dispatcher's claims: what an event
 * creates (idempotent on the delivery's deterministic id), the onboarding's hold (index {@code held_by_customer}), a
 * partner's redeliver and the retention sweep (index {@code by_age}).
 */
@Component
public class DeliveryStore {

    private final MongoCollection<Document> deliveries;
    private final MongoMapping mapping;

    DeliveryStore(MongoTemplate mongo) {
        this.deliveries = WebhookDocuments.deliveries(mongo);
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    /** @return false when the delivery exists already (the source event was redelivered) */
    public boolean insertIfAbsent(WebhookDelivery delivery) {
        return MongoWrites.insertIfAbsent(deliveries, mapping.document(DeliveryDocument.created(delivery)));
    }

    /** The customer's onboarding completed: its held deliveries are due now, each with a fresh retry window. */
    public long releaseHeld(String partnerId, String customerId, Instant now) {
        return deliveries.updateMany(held(partnerId, customerId), update(new Update().set("status",
                DeliveryStatus.PENDING).set("nextAttemptAt", now).set("retryFrom", now))).getModifiedCount();
    }

    /** The customer's onboarding was rolled back: what it held never leaves. */
    public long abandonHeld(String partnerId, String customerId) {
        return deliveries.updateMany(held(partnerId, customerId), update(new Update().set("status",
                DeliveryStatus.ABANDONED).set("lastError", "onboarding rolled back; never sent"))).getModifiedCount();
    }

    private Document update(Update update) {
        return mapping.update(DeliveryDocument.class, update);
    }

    private static Bson held(String partnerId, String customerId) {
        return and(eq("partnerId", partnerId), eq("customerId", customerId), eq("status", DeliveryStatus.HELD.name()));
    }

    /**
     * A partner's redeliver: the delivery is due now with a fresh retry window, unless a dispatcher holds it right
     * now (SENDING), it still waits for its onboarding (HELD) or its onboarding was rolled back (ABANDONED).
     *
     * @return false when it is in one of those states
     */
    public boolean redeliver(String partnerId, String endpointId, String id, Instant now) {
        return deliveries.updateOne(and(eq("_id", id), eq("partnerId", partnerId), eq("endpointId", endpointId),
                        in("status", List.of(DeliveryStatus.PENDING.name(),
                                DeliveryStatus.DELIVERED.name(), DeliveryStatus.FAILED.name()))),
                update(new Update().set("status", DeliveryStatus.PENDING).set("nextAttemptAt", now)
                        .set("retryFrom", now).set("attempts", 0))).getModifiedCount() == 1;
    }

    /**
     * The retention sweep: deletes finished deliveries (DELIVERED, FAILED, ABANDONED) whose last retry window started
     * before {@code cutoff}. Open ones (HELD, PENDING, SENDING) stay whatever their age.
     *
     * @return how many were deleted
     */
    public long deleteFinishedBefore(Instant cutoff) {
        return deliveries.deleteMany(and(in("status", List.of(DeliveryStatus.DELIVERED.name(),
                DeliveryStatus.FAILED.name(), DeliveryStatus.ABANDONED.name())), lt("retryFrom", Date.from(cutoff))))
                .getDeletedCount();
    }
}
