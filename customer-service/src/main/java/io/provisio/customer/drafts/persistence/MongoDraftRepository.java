package io.provisio.customer.drafts.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.provisio.customer.drafts.application.DraftRepository;
import io.provisio.customer.drafts.domain.Draft;
import io.provisio.platform.mongo.MongoMapping;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * One document per draft in {@code onboarding_drafts}. Reads and writes of one draft go by {@code _id} (with the
 * partner and, for a replace, the version as further conditions, which the {@code _id} index still serves); the
 * list is the partner's by last change, served by {@code partner_updated}. Mapped through {@link DraftDocument}.
 */
@Repository
class MongoDraftRepository implements DraftRepository {

    static final String COLLECTION = "onboarding_drafts";

    private final MongoTemplate mongo;
    private final MongoMapping mapping;

    MongoDraftRepository(MongoTemplate mongo) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
        // The partner's list, newest first, and its count.
        collection().createIndex(Indexes.compoundIndex(Indexes.ascending("partnerId"), Indexes.descending("updatedAt")),
                new IndexOptions().name("partner_updated"));
        // The retention sweep, across partners.
        collection().createIndex(Indexes.ascending("updatedAt"), new IndexOptions().name("updated"));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    @Override
    public void insert(Draft draft) {
        collection().insertOne(document(draft));
    }

    @Override
    public Optional<Draft> find(String partnerId, String id) {
        return Optional.ofNullable(collection().find(mine(partnerId, id)).first()).map(this::draft);
    }

    @Override
    public List<Draft> list(String partnerId, int skip, int limit) {
        return collection().find(Filters.eq("partnerId", partnerId))
                .sort(Sorts.orderBy(Sorts.descending("updatedAt"), Sorts.descending("_id")))
                .skip(skip).limit(limit).map(this::draft).into(new ArrayList<>());
    }

    @Override
    public long count(String partnerId) {
        return collection().countDocuments(Filters.eq("partnerId", partnerId));
    }

    @Override
    public boolean replace(Draft draft, long expectedVersion) {
        Bson current = Filters.and(mine(draft.partnerId(), draft.id()), Filters.eq("version", expectedVersion));
        return collection().replaceOne(current, document(draft)).getMatchedCount() == 1;
    }

    @Override
    public long deleteSavedBefore(Instant cutoff) {
        return collection().deleteMany(Filters.lt("updatedAt", Date.from(cutoff))).getDeletedCount();
    }

    @Override
    public boolean delete(String partnerId, String id) {
        return collection().deleteOne(mine(partnerId, id)).getDeletedCount() == 1;
    }

    private static Bson mine(String partnerId, String id) {
        return Filters.and(Filters.eq("_id", id), Filters.eq("partnerId", partnerId));
    }

    private Document document(Draft draft) {
        return mapping.document(DraftDocument.of(draft));
    }

    private Draft draft(Document document) {
        return mapping.read(DraftDocument.class, document).draft();
    }
}
