package io.provisio.notification.webhook.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import io.provisio.notification.webhook.domain.EndpointStatus;
import io.provisio.notification.webhook.domain.WebhookEndpoint;
import io.provisio.platform.mongo.MongoMapping;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * A partner's endpoints in {@code webhook_endpoints} ({@link WebhookDocuments}): every partner-facing read and write
 * is scoped by the partner id; the dispatcher reads an endpoint by id and disables one that keeps failing.
 */
@Component
public class EndpointStore {

    private final MongoCollection<Document> endpoints;
    private final MongoMapping mapping;

    EndpointStore(MongoTemplate mongo) {
        this.endpoints = WebhookDocuments.endpoints(mongo);
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    public void insert(WebhookEndpoint endpoint) {
        endpoints.insertOne(mapping.document(EndpointDocument.of(endpoint)));
    }

    public Optional<WebhookEndpoint> endpoint(String partnerId, String id) {
        return endpoint(endpoints.find(and(eq("_id", id), eq("partnerId", partnerId))).first());
    }

    /** The endpoint a delivery is for, whoever's it is: the dispatcher's look-up. */
    public Optional<WebhookEndpoint> endpoint(String id) {
        return endpoint(endpoints.find(eq("_id", id)).first());
    }

    /** The partner's endpoints, oldest first (served by the index {@code by_partner}). */
    public List<WebhookEndpoint> endpoints(String partnerId) {
        return endpoints.find(eq("partnerId", partnerId)).sort(Sorts.ascending("createdAt"))
                .map(document -> mapping.read(EndpointDocument.class, document).endpoint()).into(new ArrayList<>());
    }

    public boolean delete(String partnerId, String id) {
        return endpoints.deleteOne(and(eq("_id", id), eq("partnerId", partnerId))).getDeletedCount() == 1;
    }

    /** @return true for the call that disabled it (once), false when it was disabled or deleted already */
    public boolean disable(String id, String reason, Instant now) {
        return endpoints.updateOne(and(eq("_id", id), eq("status", EndpointStatus.ENABLED.name())),
                mapping.update(EndpointDocument.class, new Update().set("status", EndpointStatus.DISABLED)
                        .set("disabledAt", now).set("disabledReason", reason))).getModifiedCount() == 1;
    }

    public long countDisabled() {
        return endpoints.countDocuments(eq("status", EndpointStatus.DISABLED.name()));
    }

    private Optional<WebhookEndpoint> endpoint(Document document) {
        return Optional.ofNullable(mapping.read(EndpointDocument.class, document)).map(EndpointDocument::endpoint);
    }
}
