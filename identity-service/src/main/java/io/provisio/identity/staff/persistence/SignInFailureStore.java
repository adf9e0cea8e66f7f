package io.provisio.identity.staff.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

/**
 * Failed sign-ins per sign-in name in {@code staff_sign_in_failures} ({@code _id} = the normalized name, known or
 * not, so the answer never tells which names exist). A window opens with the first failure; the failures in it are
 * counted with single-document atomic updates, so every replica sees the same count and none is lost to a race;
 * reaching the limit locks the name until {@code lockedUntil}. A success removes the document. Documents expire
 * through a TTL index on {@code expiresAt} (a real MongoDB's; the embedded store keeps them, harmlessly). Documents
 * are mapped by Spring Data from {@link Failures}.
 */
@Component
public class SignInFailureStore implements InitializingBean {

    static final String COLLECTION = "staff_sign_in_failures";

    private final MongoTemplate mongo;
    private final MongoMapping mapping;

    SignInFailureStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    /**
     * A name's failures in its current window; {@code lockedUntil} is absent until the name was first locked, and
     * {@code null} in a window restarted after that. The name is the id as typed, kept a string even when it reads
     * as an ObjectId's hex (a plain {@code @Id} would turn it into one, and then no filter by the name finds it).
     */
    record Failures(@MongoId(FieldType.STRING) String username, int failures, Instant windowStart, Instant expiresAt, Instant lockedUntil) {
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                .expire(0, TimeUnit.SECONDS).named("expiresAt_ttl"));
    }

    /** @return until when the name is locked, if it is at {@code now} */
    public Optional<Instant> lockedUntil(String username, Instant now) {
        return Optional.ofNullable(mapping.read(Failures.class, collection().find(eq("_id", username)).first()))
                .map(Failures::lockedUntil)
                .filter(until -> until.isAfter(now));
    }

    /**
     * Counts one failure in the current window (or opens a new window), and locks the name for {@code lockout}
     * once {@code limit} failures are counted in it.
     *
     * @return whether the name is locked now
     */
    public boolean recordFailure(String username, Instant now, int limit, Duration window, Duration lockout) {
        Date windowStart = Date.from(now.minus(window));
        Instant expiresAt = now.plus(window).plus(lockout);
        Integer counted = null;
        for (int attempt = 0; attempt < 3 && counted == null; attempt++) {
            Failures open = mapping.read(Failures.class, collection().findOneAndUpdate(
                    and(eq("_id", username), gte("windowStart", windowStart)),
                    update(new Update().inc("failures", 1).set("expiresAt", expiresAt)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
            if (open != null) {
                counted = open.failures();
            } else {
                // No open window: restart an old one, or open the first; a racing replica's write makes us count again.
                boolean restarted = collection().updateOne(and(eq("_id", username), lt("windowStart", windowStart)),
                        update(Update.update("failures", 1).set("windowStart", now).set("lockedUntil", null)
                                .set("expiresAt", expiresAt))).getModifiedCount() == 1;
                if (restarted || MongoWrites.insertIfAbsent(collection(),
                        mapping.document(new Failures(username, 1, now, expiresAt, null)))) {
                    counted = 1;
                }
            }
        }
        if (counted != null && counted >= limit) {
            collection().updateOne(eq("_id", username), update(Update.update("lockedUntil", now.plus(lockout))));
            return true;
        }
        return false;
    }

    /** A successful sign-in forgets the name's failures. */
    public void clear(String username) {
        collection().deleteOne(eq("_id", username));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private Document update(Update update) {
        return mapping.update(Failures.class, update);
    }
}
