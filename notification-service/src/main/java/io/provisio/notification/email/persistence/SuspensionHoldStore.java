package io.provisio.notification.email.persistence;

import java.time.Instant;
import java.util.Date;

import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import static io.provisio.notification.email.persistence.NotificationDocuments.COLLECTION;
import static io.provisio.notification.email.persistence.NotificationDocuments.HELD_FOR;
import static io.provisio.notification.email.persistence.NotificationDocuments.LINK_EXPIRES_AT;
import static io.provisio.notification.email.persistence.NotificationDocuments.SUSPENSION;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * A suspended customer's e-mails in {@code notifications} ({@link NotificationDocuments}): held while it is
 * suspended ({@code heldFor: SUSPENSION}), scheduled again or cancelled when it is resumed. One that a dispatcher
 * claimed meanwhile is held through {@link DispatchClaims#holdClaimed}.
 */
@Component
public class SuspensionHoldStore {

    private final MongoTemplate mongo;

    SuspensionHoldStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Holds every SCHEDULED e-mail of a suspended customer (HELD for SUSPENSION): none is claimed until the
     * resume. One being sent right now (SENDING) is its dispatcher's, which holds it instead of sending
     * ({@link DispatchClaims#holdClaimed}) or has handed it to SMTP already; WAITING and onboarding-HELD ones are
     * held by the dispatcher when they fall due. Repeating it changes nothing.
     *
     * @return how many this call held
     */
    public long holdForSuspension(String partnerId, String customerId, Instant now) {
        return mongo.updateMulti(query(customer(partnerId, customerId).and("status").is(NotificationStatus.SCHEDULED)),
                NotificationDocuments.logged(now, "HELD", HistoryEntry.SYSTEM, "customer suspended")
                        .set("status", NotificationStatus.HELD).set(HELD_FOR, SUSPENSION),
                StoredNotification.class, COLLECTION).getModifiedCount();
    }

    /** What a resume did to the e-mails a suspension held. */
    public record Released(long released, long cancelled) {
    }

    /**
     * The customer was resumed as of {@code resumedAt}: its e-mails held for the suspension are scheduled again
     * (at their {@code sendAt}, or at once if it has passed), except ACTIVATION e-mails whose link had expired by
     * {@code resumedAt}: those are cancelled, token erased, never sent dead (identity-service re-issues a link
     * that expired during the suspension, ADR 017). Each is one conditional update over HELD-for-suspension
     * e-mails only, and the two never match the same e-mail, so repeating it, or running it while a hold races
     * it, changes nothing twice.
     */
    public Released releaseSuspended(String partnerId, String customerId, Instant resumedAt, Instant now) {
        Date resumed = Date.from(resumedAt);
        long cancelled = mongo.updateMulti(query(heldBySuspension(partnerId, customerId).and(LINK_EXPIRES_AT)
                        .lte(resumed)),
                NotificationDocuments.cancellation(now, HistoryEntry.SYSTEM, "activation link expired before the "
                        + "customer was resumed (" + resumedAt + "); identity-service re-issues a link that expired "
                        + "during the suspension"), StoredNotification.class, COLLECTION).getModifiedCount();
        long released = mongo.updateMulti(query(heldBySuspension(partnerId, customerId).orOperator(
                        where(LINK_EXPIRES_AT).is(null), where(LINK_EXPIRES_AT).gt(resumed))),
                NotificationDocuments.logged(now, "RELEASED", HistoryEntry.SYSTEM, "customer resumed")
                        .set("status", NotificationStatus.SCHEDULED).unset(HELD_FOR).max("sendAt", now),
                StoredNotification.class, COLLECTION).getModifiedCount();
        return new Released(released, cancelled);
    }

    private static Criteria customer(String partnerId, String customerId) {
        return where("partnerId").is(partnerId).and("customerId").is(customerId);
    }

    private static Criteria heldBySuspension(String partnerId, String customerId) {
        return customer(partnerId, customerId).and("status").is(NotificationStatus.HELD).and(HELD_FOR).is(SUSPENSION);
    }
}
