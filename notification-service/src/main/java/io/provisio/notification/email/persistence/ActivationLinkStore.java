package io.provisio.notification.email.persistence;

import java.time.Instant;

import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import static io.provisio.notification.email.persistence.NotificationDocuments.CANCELLABLE;
import static io.provisio.notification.email.persistence.NotificationDocuments.COLLECTION;
import static io.provisio.notification.email.persistence.NotificationDocuments.UNSENT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The ACTIVATION e-mails in {@code notifications} ({@link NotificationDocuments}) whose links identity-service
 * killed: by issuing a newer one, or by deleting the user. Served by the index {@code by_customer_template}.
 */
@Component
public class ActivationLinkStore {

    private final MongoTemplate mongo;

    ActivationLinkStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Cancels the unsent ACTIVATION e-mails to the same user that were created before {@code newer}:
     * their links died when identity issued the newer token. Only ones created up to the newer one's
     * creation, so a redelivered old request never cancels a link issued after it.
     */
    public long cancelOlderActivations(Notification newer, Instant now) {
        Criteria sameUser = newer.userId() == null ? where("to").is(newer.to())
                : new Criteria().orOperator(where("userId").is(newer.userId()), where("to").is(newer.to()));
        return mongo.updateMulti(query(new Criteria().andOperator(activations(newer.partnerId(), newer.customerId())
                                .and("status").in(CANCELLABLE).and("_id").ne(newer.id())
                                .and("createdAt").lte(newer.createdAt()), sameUser)),
                NotificationDocuments.cancellation(now, HistoryEntry.SYSTEM, "superseded by " + newer.id()),
                StoredNotification.class, COLLECTION).getModifiedCount();
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
        return mongo.updateMulti(query(activations(partnerId, customerId).and("userId").is(userId)
                        .and("status").in(UNSENT)),
                NotificationDocuments.cancellation(now, HistoryEntry.SYSTEM, "user " + userId + " deleted"),
                StoredNotification.class, COLLECTION).getModifiedCount();
    }

    private static Criteria activations(String partnerId, String customerId) {
        return where("partnerId").is(partnerId).and("customerId").is(customerId)
                .and("template").is(Template.ACTIVATION);
    }
}
