package io.provisio.notification.email.persistence;

import java.util.Optional;

import io.provisio.notification.email.domain.Notification;
import io.provisio.platform.web.PageQuery;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Reads of {@code notifications} ({@link NotificationDocuments}): one by {@code _id}, and a customer's page, which
 * MongoDB serves from the index {@code by_customer} {@code (partnerId, customerId, createdAt)}.
 */
@Component
public class NotificationQueries {

    /** The collection's name, for operators' tools and tests. */
    public static final String COLLECTION = NotificationDocuments.COLLECTION;

    private final MongoTemplate mongo;

    NotificationQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One page of a customer's e-mails, oldest first; a customer of another partner has none. */
    public NotificationPage page(String partnerId, String customerId, int page, int size) {
        Query customers = query(where("partnerId").is(partnerId).and("customerId").is(customerId));
        long total = mongo.count(customers, StoredNotification.class, COLLECTION);
        return new NotificationPage(mongo.find(customers.with(Sort.by("createdAt", "_id"))
                        .skip(PageQuery.skip(page, size)).limit(size), StoredNotification.class, COLLECTION).stream()
                .map(StoredNotification::notification).toList(), total);
    }

    /** One of the partner's customer's e-mails; another partner's or another customer's is absent. */
    public Optional<Notification> find(String partnerId, String customerId, String id) {
        return Optional.ofNullable(mongo.findOne(query(NotificationDocuments.own(partnerId, customerId, id)),
                StoredNotification.class, COLLECTION)).map(StoredNotification::notification);
    }

    /** A single notification by id, for the dispatcher, operators and tests. */
    public Optional<Notification> find(String id) {
        return Optional.ofNullable(mongo.findOne(query(NotificationDocuments.byId(id)), StoredNotification.class,
                COLLECTION)).map(StoredNotification::notification);
    }
}
