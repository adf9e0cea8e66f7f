package io.provisio.notification.webhook.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.provisio.notification.webhook.domain.DeliveryAttempt;
import io.provisio.notification.webhook.domain.DeliveryStatus;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;
import static io.provisio.notification.webhook.persistence.WebhookDocuments.LEASE_OWNER;
import static io.provisio.notification.webhook.persistence.WebhookDocuments.LEASE_UNTIL;
import static io.provisio.notification.webhook.persistence.WebhookDocuments.date;

/**
 * The dispatcher's claims on {@code webhook_deliveries} ({@link WebhookDocuments}), as for e-mails: a claim is one
 * find-and-modify on the index {@code by_due_time} {@code (status, nextAttemptAt)}, and a result is written only
 * while its claimant still holds the claim (SENDING, {@code leaseOwner}), so a replica whose lease expired records
 * nothing.
 */
@Component
public class DeliveryClaims {

    private final MongoCollection<Document> deliveries;

    DeliveryClaims(MongoTemplate mongo) {
        this.deliveries = WebhookDocuments.deliveries(mongo);
    }

    /** Claims one due delivery (or one whose claim expired), oldest due first. */
    public Optional<WebhookDelivery> claimNextDue(Instant now, Duration lease, String owner) {
        Bson claim = combine(set("status", DeliveryStatus.SENDING.name()), set(LEASE_UNTIL, date(now.plus(lease))),
                set(LEASE_OWNER, owner));
        FindOneAndUpdateOptions firstDue = new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt"))
                .returnDocument(ReturnDocument.AFTER);
        Document claimed = deliveries.findOneAndUpdate(
                and(eq("status", DeliveryStatus.PENDING.name()), lte("nextAttemptAt", date(now))), claim, firstDue);
        if (claimed == null) {
            claimed = deliveries.findOneAndUpdate(
                    and(eq("status", DeliveryStatus.SENDING.name()), lt(LEASE_UNTIL, date(now))), claim, firstDue);
        }
        return Optional.ofNullable(claimed).map(WebhookDocuments::toDelivery);
    }

    public boolean markDelivered(String id, String owner, DeliveryAttempt attempt) {
        return finish(id, owner, List.of(set("status", DeliveryStatus.DELIVERED.name()),
                set("deliveredAt", date(attempt.at())), set("lastError", null)), attempt, true);
    }

    public boolean markRetry(String id, String owner, DeliveryAttempt attempt, Instant nextAttemptAt) {
        return finish(id, owner, List.of(set("status", DeliveryStatus.PENDING.name()),
                set("nextAttemptAt", date(nextAttemptAt)), set("lastError", attempt.error())), attempt, true);
    }

    /** @param attempt the last attempt, or null when none was made (the endpoint was gone or disabled) */
    public boolean markFailed(String id, String owner, String error, DeliveryAttempt attempt) {
        return finish(id, owner, List.of(set("status", DeliveryStatus.FAILED.name()), set("lastError", error)),
                attempt, attempt != null);
    }

    private boolean finish(String id, String owner, List<Bson> sets, DeliveryAttempt attempt, boolean counted) {
        List<Bson> update = new ArrayList<>(sets);
        update.add(unset(LEASE_UNTIL));
        update.add(unset(LEASE_OWNER));
        if (attempt != null) {
            update.add(push("log", WebhookDocuments.document(attempt)));
        }
        if (counted) {
            update.add(inc("attempts", 1));
        }
        return deliveries.updateOne(and(eq("_id", id), eq(LEASE_OWNER, owner),
                eq("status", DeliveryStatus.SENDING.name())), combine(update)).getModifiedCount() == 1;
    }
}
