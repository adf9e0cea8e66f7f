package io.provisio.notification.webhook.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.provisio.notification.webhook.domain.DeliveryAttempt;
import io.provisio.notification.webhook.domain.DeliveryStatus;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.platform.mongo.MongoMapping;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static io.provisio.notification.webhook.persistence.WebhookDocuments.LEASE_OWNER;
import static io.provisio.notification.webhook.persistence.WebhookDocuments.LEASE_UNTIL;

/**
 * The dispatcher's claims on {@code webhook_deliveries} ({@link WebhookDocuments}), as for e-mails: a claim is one
 * find-and-modify on the index {@code by_due_time} {@code (status, nextAttemptAt)}, and a result is written only
 * while its claimant still holds the claim (SENDING, {@code leaseOwner}), so a replica whose lease expired records
 * nothing.
 */
@Component
public class DeliveryClaims {

    private final MongoCollection<Document> deliveries;
    private final MongoMapping mapping;

    DeliveryClaims(MongoTemplate mongo) {
        this.deliveries = WebhookDocuments.deliveries(mongo);
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    /** Claims one due delivery (or one whose claim expired), oldest due first. */
    public Optional<WebhookDelivery> claimNextDue(Instant now, Duration lease, String owner) {
        Document claim = mapping.update(DeliveryDocument.class, new Update().set("status", DeliveryStatus.SENDING)
                .set(LEASE_UNTIL, now.plus(lease)).set(LEASE_OWNER, owner));
        FindOneAndUpdateOptions firstDue = new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt"))
                .returnDocument(ReturnDocument.AFTER);
        Document claimed = deliveries.findOneAndUpdate(
                and(eq("status", DeliveryStatus.PENDING.name()), lte("nextAttemptAt", Date.from(now))), claim,
                firstDue);
        if (claimed == null) {
            claimed = deliveries.findOneAndUpdate(
                    and(eq("status", DeliveryStatus.SENDING.name()), lt(LEASE_UNTIL, Date.from(now))), claim, firstDue);
        }
        return Optional.ofNullable(mapping.read(DeliveryDocument.class, claimed)).map(DeliveryDocument::delivery);
    }

    public boolean markDelivered(String id, String owner, DeliveryAttempt attempt) {
        return finish(id, owner, new Update().set("status", DeliveryStatus.DELIVERED).set("deliveredAt", attempt.at())
                .set("lastError", null), attempt, true);
    }

    public boolean markRetry(String id, String owner, DeliveryAttempt attempt, Instant nextAttemptAt) {
        return finish(id, owner, new Update().set("status", DeliveryStatus.PENDING).set("nextAttemptAt", nextAttemptAt)
                .set("lastError", attempt.error()), attempt, true);
    }

    /** @param attempt the last attempt, or null when none was made (the endpoint was gone or disabled) */
    public boolean markFailed(String id, String owner, String error, DeliveryAttempt attempt) {
        return finish(id, owner, new Update().set("status", DeliveryStatus.FAILED).set("lastError", error), attempt,
                attempt != null);
    }

    private boolean finish(String id, String owner, Update update, DeliveryAttempt attempt, boolean counted) {
        update.unset(LEASE_UNTIL).unset(LEASE_OWNER);
        if (attempt != null) {
            update.push("log", DeliveryDocument.AttemptDocument.of(attempt));
        }
        if (counted) {
            update.inc("attempts", 1);
        }
        return deliveries.updateOne(and(eq("_id", id), eq(LEASE_OWNER, owner),
                eq("status", DeliveryStatus.SENDING.name())), mapping.update(DeliveryDocument.class, update))
                .getModifiedCount() == 1;
    }
}
