package io.provisio.identity.partner.persistence;

import java.util.Optional;

import com.mongodb.client.model.Updates;
import io.provisio.identity.partner.domain.Partner;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/** The {@code partners} collection, keyed by the partner id; documents mapped by Spring Data from {@link PartnerDocument}. */
@Component
public class PartnerStore {

    static final String COLLECTION = "partners";

    private final MongoTemplate mongo;
    private final MongoMapping mapping;

    PartnerStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    /** @return false when the partner already exists (it is left as it is) */
    public boolean insertIfAbsent(Partner partner) {
        return MongoWrites.insertIfAbsent(mongo.getCollection(COLLECTION),
                mapping.document(PartnerDocument.of(partner)));
    }

    public Optional<Partner> find(String id) {
        return Optional.ofNullable(mapping.read(PartnerDocument.class,
                mongo.getCollection(COLLECTION).find(eq("_id", id)).first())).map(PartnerDocument::partner);
    }

    /**
     * An operator's change of the notification address; {@code null} removes it.
     *
     * @return false when there is no such partner
     */
    public boolean setNotificationEmail(String id, String notificationEmail) {
        return mongo.getCollection(COLLECTION).updateOne(eq("_id", id),
                Updates.set("notificationEmail", notificationEmail)).getMatchedCount() == 1;
    }

    /**
     * Gives a partner stored without a notification address the one now configured; one set before (by an
     * earlier bootstrap) is never replaced.
     *
     * @return whether the address was set
     */
    public boolean setNotificationEmailIfMissing(String id, String notificationEmail) {
        return mongo.getCollection(COLLECTION).updateOne(
                // null matches a missing field too
                and(eq("_id", id), eq("notificationEmail", null)),
                Updates.set("notificationEmail", notificationEmail)).getModifiedCount() == 1;
    }
}
