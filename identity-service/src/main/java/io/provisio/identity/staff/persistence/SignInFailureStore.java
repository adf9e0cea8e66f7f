package io.provisio.identity.staff.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

/**
 * Failed sign-ins per sign-in name in {@code staff_sign_in_failures} ({@code _id} = the normalized name, known or
 * not, so the answer never tells which names exist). A window opens with the first failure; the failures in it are
 * counted with single-document atomic updates, so every replica sees the same count and none is lost to a race;
 * reaching the limit locks the name until {@code lockedUntil}. A success removes the document. Documents expire
 * through a TTL index on {@code expiresAt} (a real MongoDB's; the embedded store keeps them, harmlessly).
 */
@Component
public class SignInFailureStore implements InitializingBean {

    static final String COLLECTION = "staff_sign_in_failures";

    private final MongoTemplate mongo;

    SignInFailureStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                .expire(0, TimeUnit.SECONDS).named("expiresAt_ttl"));
    }

    /** @return until when the name is locked, if it is at {@code now} */
    public Optional<Instant> lockedUntil(String username, Instant now) {
        Document document = mongo.getCollection(COLLECTION).find(eq("_id", username)).first();
        if (document == null || document.getDate("lockedUntil") == null) {
            return Optional.empty();
        }
        Instant until = document.getDate("lockedUntil").toInstant();
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    /**
     * Counts one failure in the current window (or opens a new window), and locks the name for {@code lockout}
     * once {@code limit} failures are counted in it.
     *
     * @return whether the name is locked now
     */
    public boolean recordFailure(String username, Instant now, int limit, Duration window, Duration lockout) {
        Date windowStart = Date.from(now.minus(window));
        Date expiresAt = Date.from(now.plus(window).plus(lockout));
        Document counted = null;
        for (int attempt = 0; attempt < 3 && counted == null; attempt++) {
            counted = mongo.getCollection(COLLECTION).findOneAndUpdate(
                    and(eq("_id", username), gte("windowStart", windowStart)),
                    combine(inc("failures", 1), set("expiresAt", expiresAt)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (counted == null) {
                // No open window: restart an old one, or open the first; a racing replica's write makes us count again.
                Document fresh = new Document("failures", 1).append("windowStart", Date.from(now))
                        .append("lockedUntil", null).append("expiresAt", expiresAt);
                boolean restarted = mongo.getCollection(COLLECTION).updateOne(
                        and(eq("_id", username), lt("windowStart", windowStart)),
                        new Document("$set", fresh)).getModifiedCount() == 1;
                if (restarted || MongoWrites.insertIfAbsent(mongo.getCollection(COLLECTION),
                        new Document("_id", username).append("failures", 1).append("windowStart", Date.from(now))
                                .append("expiresAt", expiresAt))) {
                    counted = fresh;
                }
            }
        }
        if (counted != null && counted.getInteger("failures", 0) >= limit) {
            mongo.getCollection(COLLECTION).updateOne(eq("_id", username),
                    set("lockedUntil", Date.from(now.plus(lockout))));
            return true;
        }
        return false;
    }

    /** A successful sign-in forgets the name's failures. */
    public void clear(String username) {
        mongo.getCollection(COLLECTION).deleteOne(eq("_id", username));
    }
}
