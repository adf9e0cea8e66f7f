package io.provisio.notification.email.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static io.provisio.notification.email.persistence.NotificationDocuments.COLLECTION;
import static io.provisio.notification.email.persistence.NotificationDocuments.HELD_FOR;
import static io.provisio.notification.email.persistence.NotificationDocuments.SUSPENSION;
import static io.provisio.notification.email.persistence.NotificationDocuments.UNSENT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * What the onboarding's steps and the events that create e-mails write to {@code notifications}
 * ({@link NotificationDocuments}): new e-mails (idempotent on their deterministic id), the onboarding's hold and the
 * e-mails waiting for their recipient, and the compensation. Served by the indexes {@code by_saga} and
 * {@code by_customer_template}.
 */
@Component
public class SagaNotificationStore {

    private final MongoTemplate mongo;
    private final MongoMapping mapping;

    SagaNotificationStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    /** @return false when a notification with this id exists already (a redelivered message) */
    public boolean insertIfAbsent(Notification notification) {
        return MongoWrites.insertIfAbsent(NotificationDocuments.collection(mongo),
                NotificationDocuments.document(mapping, notification, HistoryEntry.SYSTEM, null));
    }

    /**
     * Cancels what an onboarding scheduled and is not sent: the saga's e-mails and any other unsent
     * e-mail of its customer (e.g. a SUBSCRIPTION_STARTED waiting for its recipient), including ones a
     * dispatcher holds right now (SENDING). The dispatcher's later markSent / markRetry only match
     * SENDING, so a cancelled e-mail is never put back in the schedule. An e-mail the SMTP server
     * accepted in the instant before the cancel stays CANCELLED though delivered; that is the price
     * of never re-sending one for a compensated onboarding.
     *
     * @return how many this call cancelled
     */
    public long cancelUnsent(String partnerId, String sagaId, String customerId, Instant now) {
        return mongo.updateMulti(query(onboarding(partnerId, sagaId, customerId).and("status").in(UNSENT)),
                NotificationDocuments.cancellation(now, HistoryEntry.SYSTEM, "onboarding compensated"),
                StoredNotification.class, COLLECTION).getModifiedCount();
    }

    /** How many of the onboarding's e-mails are cancelled, whichever call cancelled them. */
    public long countCancelled(String partnerId, String sagaId, String customerId) {
        return mongo.count(query(onboarding(partnerId, sagaId, customerId).and("status")
                .is(NotificationStatus.CANCELLED)), StoredNotification.class, COLLECTION);
    }

    private static Criteria onboarding(String partnerId, String sagaId, String customerId) {
        Criteria partner = where("partnerId").is(partnerId);
        return customerId == null ? partner.and("sagaId").is(sagaId)
                : partner.orOperator(where("sagaId").is(sagaId), where("customerId").is(customerId));
    }

    /** When the customer's unsent WELCOME e-mail is due, if there is one: other e-mails do not overtake it. */
    public Optional<Instant> unsentWelcomeSendAt(String partnerId, String customerId) {
        Query unsent = query(welcome(partnerId, customerId).and("status")
                .in(NotificationStatus.SCHEDULED, NotificationStatus.SENDING, NotificationStatus.HELD));
        unsent.fields().include("sendAt");
        return Optional.ofNullable(mongo.findOne(unsent, StoredNotification.class, COLLECTION))
                .map(StoredNotification::sendAt);
    }

    private static Criteria welcome(String partnerId, String customerId) {
        return where("partnerId").is(partnerId).and("customerId").is(customerId).and("template").is(Template.WELCOME);
    }

    /**
     * Gives the customer's waiting e-mails their recipient now that the welcome step told us who it is, not before
     * {@code notBefore} (the welcome e-mail goes first). While the customer's onboarding has not completed (its
     * welcome e-mail is HELD) they are held with it, under its saga id, so {@code OnboardingCompleted} releases them
     * and a compensation cancels them; otherwise they are scheduled.
     *
     * @param model values to add to each waiting e-mail's model (recipientName, companyName, ...)
     */
    public void releaseWaiting(String partnerId, String customerId, String to, Language language, Map<String, Object> model,
                               Instant notBefore, Instant now) {
        Optional<String> heldFor = heldWelcomeSaga(partnerId, customerId);
        Update update = NotificationDocuments.logged(now, "RECIPIENT_KNOWN", HistoryEntry.SYSTEM, to)
                .set("status", heldFor.isPresent() ? NotificationStatus.HELD : NotificationStatus.SCHEDULED)
                .set("to", to)
                .set("language", language)
                .max("sendAt", notBefore);
        heldFor.ifPresent(sagaId -> update.set("sagaId", sagaId));
        model.forEach((key, value) -> update.set("model." + key, value));
        long released = mongo.updateMulti(query(where("partnerId").is(partnerId).and("customerId").is(customerId)
                        .and("status").is(NotificationStatus.WAITING_FOR_RECIPIENT)), update, StoredNotification.class,
                COLLECTION).getModifiedCount();
        if (released > 0 && heldFor.isPresent()) {
            releaseIfCompletedMeanwhile(partnerId, customerId, heldFor.get(), now);
        }
    }

    /**
     * The saga id of the customer's onboarding while it has not completed: the onboarding whose WELCOME e-mail is
     * HELD. Other e-mails to the customer wait with it, so none reaches a customer whose onboarding may still be
     * rolled back.
     */
    public Optional<String> heldWelcomeSaga(String partnerId, String customerId) {
        Query held = query(welcome(partnerId, customerId).and("status").is(NotificationStatus.HELD).and(HELD_FOR)
                .ne(SUSPENSION));
        held.fields().include("sagaId");
        return Optional.ofNullable(mongo.findOne(held, StoredNotification.class, COLLECTION))
                .map(StoredNotification::sagaId);
    }

    /**
     * After holding an e-mail with an onboarding: if the onboarding completed between the look-up that chose to
     * hold it and the write, the completion's release missed it; release it now. Either the welcome was still HELD
     * when we looked again (then the release comes after our write and finds it) or it was not (then we release).
     */
    public void releaseIfCompletedMeanwhile(String partnerId, String customerId, String sagaId, Instant now) {
        if (!heldWelcomeSaga(partnerId, customerId).filter(sagaId::equals).isPresent()) {
            releaseHeld(partnerId, sagaId, now);
        }
    }

    /**
     * Schedules what an onboarding held back until it completed: at its {@code sendAt}, or at once if that
     * time has passed. Only e-mails HELD for the onboarding change (not those of a suspended customer), so a
     * redelivered event changes nothing. A customer suspended meanwhile gets nothing: the dispatcher holds
     * each of its e-mails again as it falls due.
     *
     * @return how many this call released
     */
    public long releaseHeld(String partnerId, String sagaId, Instant now) {
        return mongo.updateMulti(query(where("sagaId").is(sagaId).and("partnerId").is(partnerId)
                        .and("status").is(NotificationStatus.HELD).and(HELD_FOR).ne(SUSPENSION)),
                NotificationDocuments.logged(now, "RELEASED", HistoryEntry.SYSTEM, "onboarding completed")
                        .set("status", NotificationStatus.SCHEDULED).max("sendAt", now),
                StoredNotification.class, COLLECTION).getModifiedCount();
    }
}
