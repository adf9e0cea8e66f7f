package io.provisio.notification.email.persistence;

import java.time.Instant;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.platform.mongo.MongoMapping;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Collection {@code notifications}: one document per e-mail, {@code _id} = {@link Notification#id()}. Spring Data's
 * converter maps the {@link Notification} aggregate (no annotations in the domain): its components are the stored
 * fields, {@code id} is {@code _id}, instants are dates, {@link Language} is its code (the service's conversions,
 * {@code NotificationConfiguration}). Besides the aggregate a document holds what only the store needs: the
 * dispatcher's lease ({@code leaseOwner}, {@code leaseUntil}), why a HELD e-mail is held ({@code heldFor}) and an
 * ACTIVATION link's expiry as a date ({@code activationExpiresAt}).
 *
 * <p>The mapping, the constants and the indexes every store of the collection shares; each store serves one use
 * (the saga step and the events, suspensions, the dispatcher's claims, the partner's changes, queries). Every write
 * is one conditional single-document update, or an update of many whose filter each document passes or fails on its
 * own, and appends to the document's {@code history} in the same write.
 */
final class NotificationDocuments {

    static final String COLLECTION = "notifications";

    /** The one-time token of an unsent e-mail; the API never maps it, every update that ends a life unsets it. */
    static final String TOKEN = "activationToken";
    /** Why a HELD e-mail is held: absent for an onboarding that has not completed, {@link #SUSPENSION}. */
    static final String HELD_FOR = "heldFor";
    static final String SUSPENSION = "SUSPENSION";
    /** An ACTIVATION e-mail's link expiry as a date, so a resume can tell dead links from live ones in a query. */
    static final String LINK_EXPIRES_AT = "activationExpiresAt";
    static final String LEASE_OWNER = "leaseOwner";
    static final String LEASE_UNTIL = "leaseUntil";
    static final String HISTORY = "history";
    /** Not sent and not being sent: a partner may reschedule or cancel it, and a newer link replaces it. */
    static final List<NotificationStatus> CANCELLABLE = List.of(NotificationStatus.SCHEDULED,
            NotificationStatus.WAITING_FOR_RECIPIENT, NotificationStatus.HELD);
    /** Everything that may still leave, including one a dispatcher holds right now. */
    static final List<NotificationStatus> UNSENT = List.of(NotificationStatus.SCHEDULED, NotificationStatus.SENDING,
            NotificationStatus.WAITING_FOR_RECIPIENT, NotificationStatus.HELD);
    private NotificationDocuments() {
    }

    static MongoCollection<Document> collection(MongoTemplate mongo) {
        return mongo.getCollection(COLLECTION);
    }

    /**
     * Indexes for the list query, the dispatcher's claim and the compensation: non-unique, served by MongoDB and by
     * the local store (devstack) alike. Spring Data writes the stores' filters flat ({@code {status, sendAt}}), an
     * {@code $and} only around an {@code $or}, which both take apart.
     */
    static void ensureIndexes(MongoCollection<Document> notifications) {
        notifications.createIndex(Indexes.ascending("partnerId", "customerId", "createdAt"),
                new IndexOptions().name("by_customer"));
        notifications.createIndex(Indexes.ascending("status", "sendAt"), new IndexOptions().name("by_due_time"));
        notifications.createIndex(Indexes.ascending("sagaId"), new IndexOptions().name("by_saga"));
        notifications.createIndex(Indexes.ascending("customerId", "template", "status"),
                new IndexOptions().name("by_customer_template"));
    }

    /** A new e-mail as stored ({@link StoredNotification#created}). */
    static Document document(MongoMapping mapping, Notification notification, String by, String detail) {
        return mapping.document(StoredNotification.created(notification, by, detail));
    }

    static Criteria byId(String id) {
        return where("_id").is(id);
    }

    /** The partner's customer's e-mail; another partner's or another customer's matches nothing. */
    static Criteria own(String partnerId, String customerId, String id) {
        return byId(id).and("partnerId").is(partnerId).and("customerId").is(customerId);
    }

    /** An update that appends one entry to the history. */
    static Update logged(Instant at, String event, String by, String detail) {
        return new Update().push(HISTORY, new HistoryEntry(at, event, by, detail));
    }

    /** CANCELLED, its token erased and no longer held. */
    static Update cancellation(Instant now, String by, String detail) {
        return logged(now, "CANCELLED", by, detail).set("status", NotificationStatus.CANCELLED)
                .unset(TOKEN).unset(HELD_FOR);
    }
}
