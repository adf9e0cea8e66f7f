package io.provisio.notification.email.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.web.PageQuery;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

/**
 * Reads and writes notifications. Every state change is one conditional single-document update,
 * so replicas and racing messages never overwrite each other: a claim holds only while its lease
 * lasts, and a claimant's result is written only if it still owns the claim. Every change appends
 * to the document's {@code history} in the same update.
 *
 * <p>The activation token lives in a top-level field the API never maps, and every update that ends
 * an e-mail's life (SENT, FAILED, CANCELLED) unsets it in the same write.
 */
public final class NotificationStore {

    public static final String COLLECTION = "notifications";

    private static final String TOKEN = "activationToken";
    /** Why a HELD e-mail is held: absent for an onboarding that has not completed, {@link #SUSPENSION}. */
    private static final String HELD_FOR = "heldFor";
    private static final String SUSPENSION = "SUSPENSION";
    /** An ACTIVATION e-mail's link expiry as a date, so a resume can tell dead links from live ones in a query. */
    private static final String LINK_EXPIRES_AT = "activationExpiresAt";
    /** Not sent and not being sent: a partner may reschedule or cancel it, and a newer link replaces it. */
    private static final List<String> CANCELLABLE = List.of(NotificationStatus.SCHEDULED.name(),
            NotificationStatus.WAITING_FOR_RECIPIENT.name(), NotificationStatus.HELD.name());
    /** Everything that may still leave, including one a dispatcher holds right now. */
    private static final List<String> UNSENT = List.of(NotificationStatus.SCHEDULED.name(),
            NotificationStatus.SENDING.name(), NotificationStatus.WAITING_FOR_RECIPIENT.name(),
            NotificationStatus.HELD.name());

    private final MongoTemplate mongo;

    public NotificationStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Indexes for the list query, the dispatcher's claim and the compensation. The embedded store
     * ignores non-unique indexes; a real MongoDB uses them.
     */
    public void ensureIndexes() {
        MongoCollection<Document> notifications = collection();
        notifications.createIndex(Indexes.ascending("partnerId", "customerId", "createdAt"),
                new IndexOptions().name("by_customer"));
        notifications.createIndex(Indexes.ascending("status", "sendAt"), new IndexOptions().name("by_due_time"));
        notifications.createIndex(Indexes.ascending("sagaId"), new IndexOptions().name("by_saga"));
        notifications.createIndex(Indexes.ascending("customerId", "template", "status"),
                new IndexOptions().name("by_customer_template"));
    }

    /** @return false when a notification with this id exists already (a redelivered message) */
    public boolean insertIfAbsent(Notification notification) {
        return insertIfAbsent(notification, HistoryEntry.SYSTEM, null);
    }

    /**
     * @param by     who created it: {@code system} or the partner id of a resend
     * @param detail e.g. the e-mail it re-sends
     * @return false when a notification with this id exists already (a redelivered message)
     */
    public boolean insertIfAbsent(Notification notification, String by, String detail) {
        Document document = new Document("_id", notification.id())
                .append("partnerId", notification.partnerId())
                .append("customerId", notification.customerId())
                .append("sagaId", notification.sagaId())
                .append("userId", notification.userId())
                .append("template", notification.template().name())
                .append("to", notification.to())
                .append("language", notification.language().code())
                .append("model", new Document(notification.model()))
                .append("sendAt", date(notification.sendAt()))
                .append("status", notification.status().name())
                .append("attempts", notification.attempts())
                .append("lastError", notification.lastError())
                .append("sentAt", date(notification.sentAt()))
                .append("createdAt", date(notification.createdAt()))
                .append("resentFrom", notification.resentFrom())
                .append("history", List.of(event(notification.createdAt(), notification.status().publicStatus().name(),
                        by, detail == null ? "sendAt " + notification.sendAt() : detail)));
        if (notification.activationToken() != null) {
            document.append(TOKEN, notification.activationToken());
        }
        if (notification.template() == Template.ACTIVATION && notification.model().get("expiresAt") != null) {
            document.append(LINK_EXPIRES_AT, Date.from(Instant.parse(notification.model().get("expiresAt").toString())));
        }
        return MongoWrites.insertIfAbsent(collection(), document);
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
        return collection().updateMany(and(onboarding(partnerId, sagaId, customerId), in("status", UNSENT)),
                cancellation(now, HistoryEntry.SYSTEM, "onboarding compensated")).getModifiedCount();
    }

    /** How many of the onboarding's e-mails are cancelled, whichever call cancelled them. */
    public long countCancelled(String partnerId, String sagaId, String customerId) {
        return collection().countDocuments(and(onboarding(partnerId, sagaId, customerId),
                eq("status", NotificationStatus.CANCELLED.name())));
    }

    private static Bson onboarding(String partnerId, String sagaId, String customerId) {
        return and(eq("partnerId", partnerId), customerId == null ? eq("sagaId", sagaId)
                : or(eq("sagaId", sagaId), eq("customerId", customerId)));
    }

    /** When the customer's unsent WELCOME e-mail is due, if there is one: other e-mails do not overtake it. */
    public Optional<Instant> unsentWelcomeSendAt(String partnerId, String customerId) {
        Document welcome = collection().find(and(eq("partnerId", partnerId), eq("customerId", customerId),
                eq("template", Template.WELCOME.name()), in("status", NotificationStatus.SCHEDULED.name(),
                        NotificationStatus.SENDING.name(), NotificationStatus.HELD.name()))).first();
        return Optional.ofNullable(welcome).map(d -> instant(d.getDate("sendAt")));
    }

    /**
     * Cancels the unsent ACTIVATION e-mails to the same user that were created before {@code newer}:
     * their links died when identity issued the newer token. Only ones created up to the newer one's
     * creation, so a redelivered old request never cancels a link issued after it.
     */
    public long cancelOlderActivations(Notification newer, Instant now) {
        Bson sameUser = newer.userId() == null ? eq("to", newer.to())
                : or(eq("userId", newer.userId()), eq("to", newer.to()));
        return collection().updateMany(and(eq("partnerId", newer.partnerId()), eq("customerId", newer.customerId()),
                        eq("template", Template.ACTIVATION.name()), in("status", CANCELLABLE),
                        ne("_id", newer.id()), lte("createdAt", date(newer.createdAt())), sameUser),
                cancellation(now, HistoryEntry.SYSTEM, "superseded by " + newer.id())).getModifiedCount();
    }

    /**
     * Cancels every unsent ACTIVATION e-mail of a user identity deleted: the link can only fail now. Like the
     * compensation it includes one a dispatcher holds (SENDING), whose later markSent / markRetry then match
     * nothing. Already cancelled, sent or failed e-mails are left as they are, so a redelivered event changes
     * nothing.
     *
     * @return how many this call cancelled
     */
    public long cancelActivationsOfDeletedUser(String partnerId, String customerId, String userId, Instant now) {
        return collection().updateMany(and(eq("partnerId", partnerId), eq("customerId", customerId),
                        eq("userId", userId), eq("template", Template.ACTIVATION.name()), in("status", UNSENT)),
                cancellation(now, HistoryEntry.SYSTEM, "user " + userId + " deleted")).getModifiedCount();
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
        Document set = new Document("status", (heldFor.isPresent() ? NotificationStatus.HELD
                : NotificationStatus.SCHEDULED).name())
                .append("to", to)
                .append("language", language.code());
        heldFor.ifPresent(sagaId -> set.append("sagaId", sagaId));
        model.forEach((key, value) -> set.append("model." + key, value));
        long released = collection().updateMany(and(eq("partnerId", partnerId), eq("customerId", customerId),
                        eq("status", NotificationStatus.WAITING_FOR_RECIPIENT.name())),
                new Document("$set", set)
                        .append("$max", new Document("sendAt", date(notBefore)))
                        .append("$push", new Document("history", event(now, "RECIPIENT_KNOWN", HistoryEntry.SYSTEM,
                                to)))).getModifiedCount();
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
        Document welcome = collection().find(and(eq("partnerId", partnerId), eq("customerId", customerId),
                eq("template", Template.WELCOME.name()), eq("status", NotificationStatus.HELD.name()),
                ne(HELD_FOR, SUSPENSION))).first();
        return Optional.ofNullable(welcome).map(d -> d.getString("sagaId"));
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
        return collection().updateMany(and(eq("sagaId", sagaId), eq("partnerId", partnerId),
                        eq("status", NotificationStatus.HELD.name()), ne(HELD_FOR, SUSPENSION)),
                new Document("$set", new Document("status", NotificationStatus.SCHEDULED.name()))
                        .append("$max", new Document("sendAt", date(now)))
                        .append("$push", new Document("history", event(now, "RELEASED", HistoryEntry.SYSTEM,
                                "onboarding completed")))).getModifiedCount();
    }

    /**
     * Holds every SCHEDULED e-mail of a suspended customer (HELD for SUSPENSION): none is claimed until the
     * resume. One being sent right now (SENDING) is its dispatcher's, which holds it instead of sending
     * ({@link #holdClaimed}) or has handed it to SMTP already; WAITING and onboarding-HELD ones are held by the
     * dispatcher when they fall due. Repeating it changes nothing.
     *
     * @return how many this call held
     */
    public long holdForSuspension(String partnerId, String customerId, Instant now) {
        return collection().updateMany(and(eq("partnerId", partnerId), eq("customerId", customerId),
                        eq("status", NotificationStatus.SCHEDULED.name())),
                new Document("$set", new Document("status", NotificationStatus.HELD.name()).append(HELD_FOR, SUSPENSION))
                        .append("$push", new Document("history", event(now, "HELD", HistoryEntry.SYSTEM,
                                "customer suspended")))).getModifiedCount();
    }

    /**
     * A dispatcher found the customer of the e-mail it claimed suspended: the e-mail is HELD for the suspension
     * instead of sent, no attempt counted.
     *
     * @return false when the claim was lost meanwhile
     */
    public boolean holdClaimed(String id, String owner, Instant now) {
        return finish(id, owner, new Document("status", NotificationStatus.HELD.name()).append(HELD_FOR, SUSPENSION),
                false, false, event(now, "HELD", HistoryEntry.SYSTEM, "customer suspended"));
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
        Bson heldBySuspension = and(eq("partnerId", partnerId), eq("customerId", customerId),
                eq("status", NotificationStatus.HELD.name()), eq(HELD_FOR, SUSPENSION));
        long cancelled = collection().updateMany(and(heldBySuspension, lte(LINK_EXPIRES_AT, date(resumedAt))),
                cancellation(now, HistoryEntry.SYSTEM, "activation link expired before the customer was resumed ("
                        + resumedAt + "); identity-service re-issues a link that expired during the suspension"))
                .getModifiedCount();
        long released = collection().updateMany(and(heldBySuspension,
                        or(eq(LINK_EXPIRES_AT, null), gt(LINK_EXPIRES_AT, date(resumedAt)))),
                new Document("$set", new Document("status", NotificationStatus.SCHEDULED.name()))
                        .append("$unset", new Document(HELD_FOR, ""))
                        .append("$max", new Document("sendAt", date(now)))
                        .append("$push", new Document("history", event(now, "RELEASED", HistoryEntry.SYSTEM,
                                "customer resumed")))).getModifiedCount();
        return new Released(released, cancelled);
    }

    /**
     * Claims the e-mail that is due first: a SCHEDULED one whose time has come, or a SENDING one
     * whose claimant's lease ran out (it crashed or hung). One atomic find-and-modify, so two
     * replicas never hold the same e-mail.
     */
    public Optional<Notification> claimNextDue(Instant now, Duration lease, String owner) {
        Document claim = new Document("$set", new Document("status", NotificationStatus.SENDING.name())
                .append("leaseUntil", date(now.plus(lease)))
                .append("leaseOwner", owner));
        FindOneAndUpdateOptions firstDue = new FindOneAndUpdateOptions().sort(Sorts.ascending("sendAt"))
                .returnDocument(ReturnDocument.AFTER);
        // Two claims rather than one $or: each is a range on the by_due_time index {status, sendAt}.
        Document claimed = collection().findOneAndUpdate(
                and(eq("status", NotificationStatus.SCHEDULED.name()), lte("sendAt", date(now))), claim, firstDue);
        if (claimed == null) {
            claimed = collection().findOneAndUpdate(
                    and(eq("status", NotificationStatus.SENDING.name()), lt("leaseUntil", date(now))), claim, firstDue);
        }
        return Optional.ofNullable(claimed).map(NotificationStore::toNotification);
    }

    /** The {@code sendAt} of the e-mail that has waited longest for delivery, for the schedule-lag gauge. */
    public Optional<Instant> oldestDue(Instant now) {
        Document oldest = collection().find(and(eq("status", NotificationStatus.SCHEDULED.name()),
                lte("sendAt", date(now)))).sort(Sorts.ascending("sendAt")).limit(1).first();
        return Optional.ofNullable(oldest).map(d -> instant(d.getDate("sendAt")));
    }

    /** @return false when the claim was lost (lease expired and another replica took over) */
    public boolean markSent(String id, String owner, Instant now) {
        return finish(id, owner, new Document("status", NotificationStatus.SENT.name())
                .append("sentAt", date(now))
                .append("lastError", null), true, true, event(now, "SENT", HistoryEntry.SYSTEM, null));
    }

    /** Puts a failed e-mail back in the schedule for another attempt at {@code retryAt}. */
    public boolean markRetry(String id, String owner, String error, Instant retryAt, Instant now) {
        return finish(id, owner, new Document("status", NotificationStatus.SCHEDULED.name())
                .append("sendAt", date(retryAt))
                .append("lastError", error), true, false,
                event(now, "ATTEMPT_FAILED", HistoryEntry.SYSTEM, error + "; next attempt " + retryAt));
    }

    /** Gives up on an e-mail. */
    public boolean markFailed(String id, String owner, String error, Instant now) {
        return finish(id, owner, new Document("status", NotificationStatus.FAILED.name())
                .append("lastError", error), true, true, event(now, "FAILED", HistoryEntry.SYSTEM, error));
    }

    /** Hands a claimed e-mail back untried (the SMTP circuit is open): no attempt is counted. */
    public boolean release(String id, String owner, Instant retryAt, Instant now) {
        return finish(id, owner, new Document("status", NotificationStatus.SCHEDULED.name())
                .append("sendAt", date(retryAt)), false, false,
                event(now, "DEFERRED", HistoryEntry.SYSTEM, "SMTP circuit open; next attempt " + retryAt));
    }

    private boolean finish(String id, String owner, Document set, boolean countAttempt, boolean final_,
                           Document historyEvent) {
        Document unset = new Document("leaseUntil", "").append("leaseOwner", "");
        if (final_) {
            unset.append(TOKEN, "");
        }
        Document update = new Document("$set", set)
                .append("$unset", unset)
                .append("$push", new Document("history", historyEvent));
        if (countAttempt) {
            update.append("$inc", new Document("attempts", 1));
        }
        return collection().updateOne(and(eq("_id", id), eq("leaseOwner", owner),
                eq("status", NotificationStatus.SENDING.name())), update).getMatchedCount() == 1;
    }

    /**
     * A partner moves a waiting e-mail to another time.
     *
     * @return false when the e-mail is no longer waiting (being sent, sent, failed or cancelled)
     */
    public boolean reschedule(String partnerId, String customerId, String id, Instant sendAt, Instant now) {
        return collection().updateOne(and(own(partnerId, customerId, id), in("status", CANCELLABLE)),
                new Document("$set", new Document("sendAt", date(sendAt)))
                        .append("$push", new Document("history", event(now, "RESCHEDULED", partnerId,
                                "sendAt " + sendAt)))).getMatchedCount() == 1;
    }

    /**
     * A partner cancels a waiting e-mail. One being sent right now is not cancellable: it may already
     * be at the SMTP server.
     *
     * @return false when the e-mail is no longer waiting
     */
    public boolean cancel(String partnerId, String customerId, String id, Instant now) {
        return collection().updateOne(and(own(partnerId, customerId, id), in("status", CANCELLABLE)),
                cancellation(now, partnerId, null)).getMatchedCount() == 1;
    }

    /** Notes on the original that a partner re-sent it as {@code copyId}. */
    public void recordResend(String partnerId, String id, String copyId, Instant now) {
        collection().updateOne(eq("_id", id), new Document("$push", new Document("history",
                event(now, "RESENT", partnerId, "as " + copyId))));
    }

    /** One page of a customer's e-mails, oldest first; a customer of another partner has none. */
    public NotificationPage page(String partnerId, String customerId, int page, int size) {
        Bson filter = and(eq("partnerId", partnerId), eq("customerId", customerId));
        long total = collection().countDocuments(filter);
        List<Notification> items = new ArrayList<>();
        collection().find(filter).sort(Sorts.ascending("createdAt", "_id"))
                .skip(PageQuery.skip(page, size)).limit(size)
                .forEach(document -> items.add(toNotification(document)));
        return new NotificationPage(items, total);
    }

    /** One of the partner's customer's e-mails; another partner's or another customer's is absent. */
    public Optional<Notification> find(String partnerId, String customerId, String id) {
        return Optional.ofNullable(collection().find(own(partnerId, customerId, id)).first())
                .map(NotificationStore::toNotification);
    }

    /** A single notification by id, for the dispatcher, operators and tests. */
    public Optional<Notification> find(String id) {
        return Optional.ofNullable(collection().find(eq("_id", id)).first()).map(NotificationStore::toNotification);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static Bson own(String partnerId, String customerId, String id) {
        return and(eq("_id", id), eq("partnerId", partnerId), eq("customerId", customerId));
    }

    private static Document cancellation(Instant now, String by, String detail) {
        return new Document("$set", new Document("status", NotificationStatus.CANCELLED.name()))
                .append("$unset", new Document(TOKEN, "").append(HELD_FOR, ""))
                .append("$push", new Document("history", event(now, "CANCELLED", by, detail)));
    }

    private static Notification toNotification(Document document) {
        Document model = document.get("model", Document.class);
        Map<String, Object> values = new LinkedHashMap<>();
        if (model != null) {
            model.forEach((key, value) -> {
                if (value != null) {
                    values.put(key, value);
                }
            });
        }
        List<HistoryEntry> history = new ArrayList<>();
        List<Document> events = document.getList("history", Document.class);
        if (events != null) {
            events.forEach(e -> history.add(new HistoryEntry(instant(e.getDate("at")), e.getString("event"),
                    e.getString("by"), e.getString("detail"))));
        }
        return new Notification(
                document.getString("_id"),
                document.getString("partnerId"),
                document.getString("customerId"),
                document.getString("sagaId"),
                document.getString("userId"),
                Template.valueOf(document.getString("template")),
                document.getString("to"),
                Language.of(document.getString("language")),
                values,
                instant(document.getDate("sendAt")),
                NotificationStatus.valueOf(document.getString("status")),
                document.getInteger("attempts", 0),
                document.getString("lastError"),
                instant(document.getDate("sentAt")),
                instant(document.getDate("createdAt")),
                document.getString(TOKEN),
                document.getString("resentFrom"),
                history);
    }

    private static Document event(Instant at, String event, String by, String detail) {
        Document entry = new Document("at", date(at)).append("event", event).append("by", by);
        if (detail != null) {
            entry.append("detail", detail);
        }
        return entry;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
