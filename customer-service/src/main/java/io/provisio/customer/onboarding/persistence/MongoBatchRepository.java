package io.provisio.customer.onboarding.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.customer.onboarding.application.BatchKeyTakenException;
import io.provisio.customer.onboarding.application.BatchRepository;
import io.provisio.customer.onboarding.application.IdempotencyKey;
import io.provisio.customer.onboarding.domain.Batch;
import io.provisio.customer.onboarding.domain.BatchRow;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * A batch is one document in {@code onboarding_batches}, mapped by Spring Data from {@link Batch} (at most 500 rows
 * of ~2 KB: well under MongoDB's 16 MB). While open it also has an entry in {@code onboarding_batch_queue}: a few
 * fields, the pacer's lease among them, so that the pacer's round reads a handful of small documents whatever the
 * number of finished batches. Every query here is by {@code _id} or the unique Idempotency-Key.
 */
@Repository
class MongoBatchRepository implements BatchRepository {

    static final String BATCHES = "onboarding_batches";
    static final String QUEUE = "onboarding_batch_queue";

    private final MongoTemplate mongo;

    MongoBatchRepository(MongoTemplate mongo) {
        this.mongo = mongo;
        // One batch per partner and Idempotency-Key, even under concurrent requests.
        mongo.getCollection(BATCHES).createIndex(Indexes.ascending("idempotencyKey"),
                new IndexOptions().unique(true).sparse(true).name("idempotency_key"));
    }

    /** An open batch in the pacer's queue; {@code leaseOwner} works on it until {@code leaseUntil}. */
    record QueueEntry(@MongoId(FieldType.STRING) String id, String partnerId, Instant createdAt, String leaseOwner, Instant leaseUntil) {
    }

    @Override
    public void insert(Batch batch, IdempotencyKey idempotencyKey) {
        if (batch.open()) {
            mongo.insert(new QueueEntry(batch.id(), batch.partnerId(), batch.createdAt(), null, null), QUEUE);
        }
        Document document = new Document();
        mongo.getConverter().write(batch, document);
        if (idempotencyKey != null) {
            document.append("idempotencyKey", batch.partnerId() + "/" + idempotencyKey.key())
                    .append("requestDigest", idempotencyKey.requestDigest());
        }
        try {
            mongo.insert(document, BATCHES);
        } catch (RuntimeException e) {
            if (MongoWrites.isDuplicateKey(e)) {
                dequeue(batch.id());
                throw new BatchKeyTakenException(idempotencyKey == null ? batch.id() : idempotencyKey.key());
            }
            throw e;
        }
    }

    @Override
    public Optional<KeyedBatch> findByIdempotencyKey(String partnerId, String key) {
        Document document = mongo.findOne(query(where("idempotencyKey").is(partnerId + "/" + key)), Document.class,
                BATCHES);
        return Optional.ofNullable(document).map(d -> new KeyedBatch(mongo.getConverter().read(Batch.class, d),
                d.getString("requestDigest")));
    }

    @Override
    public Optional<Batch> find(String partnerId, String id) {
        return Optional.ofNullable(mongo.findOne(query(where("_id").is(id).and("partnerId").is(partnerId)),
                Batch.class, BATCHES));
    }

    @Override
    public Optional<Batch> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Batch.class, BATCHES));
    }

    @Override
    public List<Queued> queued(int limit) {
        return mongo.find(new Query().with(Sort.by("createdAt")).limit(limit), QueueEntry.class, QUEUE).stream()
                .map(e -> new Queued(e.id(), e.partnerId(), e.createdAt())).toList();
    }

    @Override
    public Lease lease(String batchId, String owner, Instant now, Instant until) {
        Query free = query(where("_id").is(batchId).orOperator(where("leaseOwner").is(owner),
                where("leaseUntil").lt(now), where("leaseUntil").is(null)));
        QueueEntry before = mongo.findAndModify(free, new Update().set("leaseOwner", owner).set("leaseUntil", until),
                FindAndModifyOptions.options().returnNew(false), QueueEntry.class, QUEUE);
        if (before == null) {
            return Lease.REFUSED;
        }
        boolean kept = owner.equals(before.leaseOwner()) && before.leaseUntil() != null
                && !before.leaseUntil().isBefore(now);
        return kept ? Lease.KEPT : Lease.TAKEN;
    }

    @Override
    public void update(Batch batch, List<BatchRow> changed) {
        Update update = new Update();
        // Rows are stored in index order, so a row's index is its position in the array.
        changed.forEach(row -> update.set("rows." + row.index(), row));
        if (!batch.open()) {
            update.set("open", false).set("finishedAt", batch.finishedAt());
        }
        if (!update.getUpdateObject().isEmpty()) {
            mongo.updateFirst(query(where("_id").is(batch.id())), update, Batch.class, BATCHES);
        }
        if (!batch.open()) {
            dequeue(batch.id());
        }
    }

    @Override
    public void dequeue(String batchId) {
        mongo.remove(query(where("_id").is(batchId)), QUEUE);
    }
}
