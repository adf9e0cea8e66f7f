package io.provisio.notification.email.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static io.provisio.notification.email.persistence.NotificationDocuments.COLLECTION;
import static io.provisio.notification.email.persistence.NotificationDocuments.HELD_FOR;
import static io.provisio.notification.email.persistence.NotificationDocuments.LEASE_OWNER;
import static io.provisio.notification.email.persistence.NotificationDocuments.LEASE_UNTIL;
import static io.provisio.notification.email.persistence.NotificationDocuments.SUSPENSION;
import static io.provisio.notification.email.persistence.NotificationDocuments.TOKEN;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The dispatcher's claims on {@code notifications} ({@link NotificationDocuments}): a claim is one find-and-modify
 * on the index {@code by_due_time} {@code (status, sendAt)} and holds only while its lease lasts; a claimant's result
 * is written only if it still owns the claim (one update conditional on SENDING and {@code leaseOwner}). Every
 * update that ends an e-mail's life (SENT, FAILED) unsets its token in the same write.
 */
@Component
public class DispatchClaims {

    private final MongoTemplate mongo;

    DispatchClaims(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Claims the e-mail that is due first: a SCHEDULED one whose time has come, or a SENDING one
     * whose claimant's lease ran out (it crashed or hung). One atomic find-and-modify, so two
     * replicas never hold the same e-mail.
     */
    public Optional<Notification> claimNextDue(Instant now, Duration lease, String owner) {
        Update claim = new Update().set("status", NotificationStatus.SENDING)
                .set(LEASE_UNTIL, Date.from(now.plus(lease))).set(LEASE_OWNER, owner);
        // Two claims rather than one $or: each is a range on the by_due_time index {status, sendAt}.
        Notification claimed = claim(query(where("status").is(NotificationStatus.SCHEDULED).and("sendAt").lte(now)),
                claim);
        if (claimed == null) {
            claimed = claim(query(where("status").is(NotificationStatus.SENDING).and(LEASE_UNTIL)
                    .lt(Date.from(now))), claim);
        }
        return Optional.ofNullable(claimed);
    }

    private Notification claim(Query due, Update claim) {
        StoredNotification claimed = mongo.findAndModify(due.with(Sort.by("sendAt")), claim,
                FindAndModifyOptions.options().returnNew(true), StoredNotification.class, COLLECTION);
        return claimed == null ? null : claimed.notification();
    }

    /** The {@code sendAt} of the e-mail that has waited longest for delivery, for the schedule-lag gauge. */
    public Optional<Instant> oldestDue(Instant now) {
        Query oldest = query(where("status").is(NotificationStatus.SCHEDULED).and("sendAt").lte(now))
                .with(Sort.by("sendAt"));
        oldest.fields().include("sendAt");
        return Optional.ofNullable(mongo.findOne(oldest, StoredNotification.class, COLLECTION))
                .map(StoredNotification::sendAt);
    }

    /** @return false when the claim was lost (lease expired and another replica took over) */
    public boolean markSent(String id, String owner, Instant now) {
        return finish(id, owner, NotificationDocuments.logged(now, "SENT", HistoryEntry.SYSTEM, null)
                .set("status", NotificationStatus.SENT).set("sentAt", now).set("lastError", null), true, true);
    }

    /** Puts a failed e-mail back in the schedule for another attempt at {@code retryAt}. */
    public boolean markRetry(String id, String owner, String error, Instant retryAt, Instant now) {
        return finish(id, owner, NotificationDocuments.logged(now, "ATTEMPT_FAILED", HistoryEntry.SYSTEM,
                        error + "; next attempt " + retryAt)
                .set("status", NotificationStatus.SCHEDULED).set("sendAt", retryAt).set("lastError", error), true,
                false);
    }

    /** Gives up on an e-mail. */
    public boolean markFailed(String id, String owner, String error, Instant now) {
        return finish(id, owner, NotificationDocuments.logged(now, "FAILED", HistoryEntry.SYSTEM, error)
                .set("status", NotificationStatus.FAILED).set("lastError", error), true, true);
    }

    /** Hands a claimed e-mail back untried (the SMTP circuit is open): no attempt is counted. */
    public boolean release(String id, String owner, Instant retryAt, Instant now) {
        return finish(id, owner, NotificationDocuments.logged(now, "DEFERRED", HistoryEntry.SYSTEM,
                        "SMTP circuit open; next attempt " + retryAt)
                .set("status", NotificationStatus.SCHEDULED).set("sendAt", retryAt), false, false);
    }

    /**
     * A dispatcher found the customer of the e-mail it claimed suspended: the e-mail is HELD for the suspension
     * instead of sent, no attempt counted.
     *
     * @return false when the claim was lost meanwhile
     */
    public boolean holdClaimed(String id, String owner, Instant now) {
        return finish(id, owner, NotificationDocuments.logged(now, "HELD", HistoryEntry.SYSTEM, "customer suspended")
                .set("status", NotificationStatus.HELD).set(HELD_FOR, SUSPENSION), false, false);
    }

    private boolean finish(String id, String owner, Update update, boolean countAttempt, boolean last) {
        update.unset(LEASE_UNTIL).unset(LEASE_OWNER);
        if (last) {
            update.unset(TOKEN);
        }
        if (countAttempt) {
            update.inc("attempts", 1);
        }
        return mongo.updateFirst(query(NotificationDocuments.byId(id).and(LEASE_OWNER).is(owner).and("status")
                .is(NotificationStatus.SENDING)), update, StoredNotification.class, COLLECTION).getMatchedCount() == 1;
    }
}
