package io.provisio.identity.partner.persistence;

import io.provisio.platform.mongo.MongoWrites;
import java.util.Date;
import java.util.Optional;

import io.provisio.identity.partner.domain.Partner;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.eq;

/** The {@code partners} collection, keyed by the partner id. */
@Component
public class PartnerStore {

    static final String COLLECTION = "partners";

    private final MongoTemplate mongo;

    PartnerStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return false when the partner already exists (it is left as it is) */
    public boolean insertIfAbsent(Partner partner) {
        return MongoWrites.insertIfAbsent(mongo.getCollection(COLLECTION), new Document("_id", partner.id())
                .append("name", partner.name())
                .append("createdAt", Date.from(partner.createdAt())));
    }

    public Optional<Partner> find(String id) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(eq("_id", id)).first())
                .map(d -> new Partner(d.getString("_id"), d.getString("name"), d.getDate("createdAt").toInstant()));
    }
}
