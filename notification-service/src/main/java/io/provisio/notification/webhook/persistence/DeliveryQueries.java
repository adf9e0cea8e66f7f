package io.provisio.notification.webhook.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.platform.mongo.MongoMapping;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Reads of {@code webhook_deliveries} ({@link WebhookDocuments}): one by {@code _id}, and an endpoint's, which MongoDB
 * serves from the index {@code by_endpoint} {@code (partnerId, endpointId, createdAt)}; every partner-facing one is
 * scoped by the partner id.
 */
@Component
public class DeliveryQueries {

    private final MongoCollection<Document> deliveries;
    private final MongoMapping mapping;

    DeliveryQueries(MongoTemplate mongo) {
        this.deliveries = WebhookDocuments.deliveries(mongo);
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    public Optional<WebhookDelivery> delivery(String partnerId, String endpointId, String id) {
        return Optional.ofNullable(deliveries.find(and(eq("_id", id), eq("partnerId", partnerId),
                eq("endpointId", endpointId))).first()).map(this::delivery);
    }

    /** A delivery by id, whoever's it is: for operators and tests. */
    public Optional<WebhookDelivery> delivery(String id) {
        return Optional.ofNullable(deliveries.find(eq("_id", id)).first()).map(this::delivery);
    }

    /** The endpoint's deliveries, newest first. */
    public List<WebhookDelivery> deliveries(String partnerId, String endpointId, int page, int size) {
        return deliveries.find(and(eq("partnerId", partnerId), eq("endpointId", endpointId)))
                .sort(Sorts.descending("createdAt")).skip(page * size).limit(size)
                .map(this::delivery).into(new ArrayList<>());
    }

    public long countDeliveries(String partnerId, String endpointId) {
        return deliveries.countDocuments(and(eq("partnerId", partnerId), eq("endpointId", endpointId)));
    }

    private WebhookDelivery delivery(Document document) {
        return mapping.read(DeliveryDocument.class, document).delivery();
    }
}
