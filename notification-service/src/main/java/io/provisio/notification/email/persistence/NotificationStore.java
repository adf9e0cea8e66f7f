package io.provisio.notification.email.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.platform.web.PageQuery;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

/**
 * Reads and writes notifications. Every state change is one conditional single-document update,
 * so replicas and racing messages never overwrite each other: a claim holds only while its lease
 * lasts, and a claimant's result is written only if it still owns the claim.
 */
public final class NotificationStore {

    public static final String COLLECTION = "notifications";

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
    }

    /** @return false when a notification with this id exists already (a redelivered command) */
    public boolean insertIfAbsent(Notification notification) {
        Document document = new Document("_id", notification.id())
                .append("partnerId", notification.partnerId())
                .append("customerId", notification.customerId())
                .append("sagaId", notification.sagaId())
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
                .append("history", List.of(event(notification.createdAt(), notification.status().name())));
        try {
            collection().insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Cancels the saga's e-mails that are not sent: waiting ones, and ones a dispatcher holds right
     * now (SENDING). The dispatcher's later markSent / markRetry only match SENDING, so a cancelled
     * e-mail is never put back in the schedule. An e-mail the SMTP server accepted in the instant
     * before the cancel stays CANCELLED though delivered; that is the price of never re-sending
     * one for a compensated onboarding.
     *
     * @return how many this call cancelled
     */
    public long cancelScheduled(String sagaId, Instant now) {
        return collection().updateMany(and(eq("sagaId", sagaId), in("status", NotificationStatus.SCHEDULED.name(),
                        NotificationStatus.SENDING.name())),
                new Document("$set", new Document("status", NotificationStatus.CANCELLED.name()))
                        .append("$push", new Document("history", event(now, "CANCELLED"))))
                .getModifiedCount();
    }

    /** How many of the saga's e-mails are cancelled, whichever call cancelled them. */
    public long countCancelled(String sagaId) {
        return collection().countDocuments(and(eq("sagaId", sagaId),
                eq("status", NotificationStatus.CANCELLED.name())));
    }

    /**
     * Claims the e-mail that is due first: a SCHEDULED one whose time has come, or a SENDING one
     * whose claimant's lease ran out (it crashed or hung). One atomic find-and-modify, so two
     * replicas never hold the same e-mail.
     */
    public Optional<Notification> claimNextDue(Instant now, Duration lease, String owner) {
        Bson due = or(
                and(eq("status", NotificationStatus.SCHEDULED.name()), lte("sendAt", date(now))),
                and(eq("status", NotificationStatus.SENDING.name()), lt("leaseUntil", date(now))));
        Document claim = new Document("$set", new Document("status", NotificationStatus.SENDING.name())
                .append("leaseUntil", date(now.plus(lease)))
                .append("leaseOwner", owner));
        Document claimed = collection().findOneAndUpdate(due, claim,
                new FindOneAndUpdateOptions().sort(Sorts.ascending("sendAt")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(NotificationStore::toNotification);
    }

    /** @return false when the claim was lost (lease expired and another replica took over) */
    public boolean markSent(String id, String owner, Instant now) {
        return finish(id, owner, new Document("status", NotificationStatus.SENT.name())
                .append("sentAt", date(now))
                .append("lastError", null), event(now, "SENT"));
    }

    /** Puts a failed e-mail back in the schedule for another attempt at {@code retryAt}. */
    public boolean markRetry(String id, String owner, String error, Instant retryAt, Instant now) {
        return finish(id, owner, new Document("status", NotificationStatus.SCHEDULED.name())
                .append("sendAt", date(retryAt))
                .append("lastError", error), event(now, "ATTEMPT_FAILED"));
    }

    /** Gives up on an e-mail. */
    public boolean markFailed(String id, String owner, String error, Instant now) {
        return finish(id, owner, new Document("status", NotificationStatus.FAILED.name())
                .append("lastError", error), event(now, "FAILED"));
    }

    private boolean finish(String id, String owner, Document set, Document historyEvent) {
        Document update = new Document("$set", set)
                .append("$unset", new Document("leaseUntil", "").append("leaseOwner", ""))
                .append("$inc", new Document("attempts", 1))
                .append("$push", new Document("history", historyEvent));
        return collection().updateOne(and(eq("_id", id), eq("leaseOwner", owner),
                eq("status", NotificationStatus.SENDING.name())), update).getMatchedCount() == 1;
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

    /** A single notification by id, for operators and tests. */
    public Optional<Notification> find(String id) {
        return Optional.ofNullable(collection().find(eq("_id", id)).first()).map(NotificationStore::toNotification);
    }

    /** The saga's notifications, for tests and operators. */
    public List<Notification> findBySaga(String sagaId) {
        List<Notification> found = new ArrayList<>();
        collection().find(eq("sagaId", sagaId)).forEach(document -> found.add(toNotification(document)));
        return found;
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
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
        return new Notification(
                document.getString("_id"),
                document.getString("partnerId"),
                document.getString("customerId"),
                document.getString("sagaId"),
                Template.valueOf(document.getString("template")),
                document.getString("to"),
                Language.of(document.getString("language")),
                values,
                instant(document.getDate("sendAt")),
                NotificationStatus.valueOf(document.getString("status")),
                document.getInteger("attempts", 0),
                document.getString("lastError"),
                instant(document.getDate("sentAt")),
                instant(document.getDate("createdAt")));
    }

    private static Document event(Instant at, String event) {
        return new Document("at", date(at)).append("event", event);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
