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
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * One document per draft in {@code onboarding_drafts}. Reads and writes of one draft go by {@code _id} (with the
 * partner and, for a replace, the version as further conditions, which the {@code _id} index still serves); the
 * list is the partner's by last change, served by {@code partner_updated}. The request is kept as JSON text, not as
 * a sub-document: a draft may hold any shape, including keys MongoDB does not allow ({@code $…}, dots).
 */
@Repository
class MongoDraftRepository implements DraftRepository {

    static final String COLLECTION = "onboarding_drafts";

    private final MongoTemplate mongo;

    MongoDraftRepository(MongoTemplate mongo) {
        this.mongo = mongo;
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
        return Optional.ofNullable(collection().find(mine(partnerId, id)).first()).map(MongoDraftRepository::draft);
    }

    @Override
    public List<Draft> list(String partnerId, int skip, int limit) {
        return collection().find(Filters.eq("partnerId", partnerId))
                .sort(Sorts.orderBy(Sorts.descending("updatedAt"), Sorts.descending("_id")))
                .skip(skip).limit(limit).map(MongoDraftRepository::draft).into(new ArrayList<>());
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

    private static Document document(Draft draft) {
        return new Document("_id", draft.id())
                .append("partnerId", draft.partnerId())
                .append("name", draft.name())
                .append("request", draft.request())
                .append("companyName", draft.companyName())
                .append("accountName", draft.accountName())
                .append("createdAt", Date.from(draft.createdAt()))
                .append("updatedAt", Date.from(draft.updatedAt()))
                .append("updatedBy", draft.updatedBy())
                .append("version", draft.version());
    }

    private static Draft draft(Document d) {
        return new Draft(d.getString("_id"), d.getString("partnerId"), d.getString("name"), d.getString("request"),
                d.getString("companyName"), d.getString("accountName"), d.getDate("createdAt").toInstant(),
                d.getDate("updatedAt").toInstant(), d.getString("updatedBy"), d.get("version", Number.class)
                .longValue());
    }
}
