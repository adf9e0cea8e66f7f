package io.provisio.notification.email.persistence;

import java.time.Instant;

import io.provisio.notification.email.domain.Notification;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static io.provisio.notification.email.persistence.NotificationDocuments.CANCELLABLE;
import static io.provisio.notification.email.persistence.NotificationDocuments.COLLECTION;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * What a partner changes through the API on one of its customer's e-mails in {@code notifications}
 * ({@link NotificationDocuments}): one update by {@code _id}, scoped by partner and customer, conditional on the
 * e-mail still waiting; and a re-send.
 */
@Component
public class PartnerChanges {

    private final MongoTemplate mongo;
    private final MongoMapping mapping;

    PartnerChanges(MongoTemplate mongo) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    /**
     * A partner moves a waiting e-mail to another time.
     *
     * @return false when the e-mail is no longer waiting (being sent, sent, failed or cancelled)
     */
    public boolean reschedule(String partnerId, String customerId, String id, Instant sendAt, Instant now) {
        return mongo.updateFirst(query(NotificationDocuments.own(partnerId, customerId, id).and("status")
                                .in(CANCELLABLE)),
                NotificationDocuments.logged(now, "RESCHEDULED", partnerId, "sendAt " + sendAt).set("sendAt", sendAt),
                StoredNotification.class, COLLECTION).getMatchedCount() == 1;
    }

    /**
     * A partner cancels a waiting e-mail. One being sent right now is not cancellable: it may already
     * be at the SMTP server.
     *
     * @return false when the e-mail is no longer waiting
     */
    public boolean cancel(String partnerId, String customerId, String id, Instant now) {
        return mongo.updateFirst(query(NotificationDocuments.own(partnerId, customerId, id).and("status")
                        .in(CANCELLABLE)), NotificationDocuments.cancellation(now, partnerId, null),
                StoredNotification.class, COLLECTION).getMatchedCount() == 1;
    }

    /**
     * Stores a partner's re-send of {@code original} (a new e-mail, {@link Notification#resend}), then notes on the
     * original that it was re-sent as the copy.
     */
    public void resend(String partnerId, Notification original, Notification copy, Instant now) {
        MongoWrites.insertIfAbsent(NotificationDocuments.collection(mongo),
                NotificationDocuments.document(mapping, copy, partnerId, "resend of " + original.id()));
        mongo.updateFirst(query(NotificationDocuments.byId(original.id())), NotificationDocuments.logged(now,
                "RESENT", partnerId, "as " + copy.id()), StoredNotification.class, COLLECTION);
    }
}
