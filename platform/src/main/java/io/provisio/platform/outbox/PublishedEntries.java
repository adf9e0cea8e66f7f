package io.provisio.platform.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import static com.mongodb.client.model.Filters.all;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.size;

/**
 * Takes confirmed entries out of their documents' outboxes, many documents per round trip. The usual
 * case, a document whose outbox holds exactly the entries just confirmed, is one conditional write that
 * empties it and drops its pending marker. Otherwise (a writer appended meanwhile) the entries are
 * pulled by {@code entryId} and the marker stays, for whoever publishes the rest.
 */
final class PublishedEntries {

    static final String LEASE_UNTIL = "outboxLeaseUntil";
    static final String LEASE_OWNER = "outboxLeaseOwner";
    static final String FAILURES = "outboxFailures";

    private PublishedEntries() {
    }

    /**
     * @param confirmed per document id, the entry ids the broker confirmed; each list is every entry the
     *                  caller knew of in that document
     * @param condition further condition on each document (e.g. the relay's lease), or {@code null}
     */
    static void remove(MongoCollection<Document> collection, Map<Object, List<String>> confirmed, Bson condition) {
        if (confirmed.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> clears = new ArrayList<>();
        confirmed.forEach((id, entryIds) -> clears.add(new UpdateOneModel<>(
                onlyThese(id, entryIds, condition), new Document("$set", new Document(OutboxStore.OUTBOX, List.of()))
                .append("$unset", new Document(OutboxStore.PENDING_SINCE, "").append(LEASE_UNTIL, "")
                        .append(LEASE_OWNER, "").append(FAILURES, "")))));
        if (collection.bulkWrite(clears, new BulkWriteOptions().ordered(false)).getMatchedCount() == clears.size()) {
            return;
        }
        // Some outbox held more (a later write, or a re-send): pull ours everywhere; a pull of what is
        // already gone changes nothing.
        List<UpdateOneModel<Document>> pulls = new ArrayList<>();
        confirmed.forEach((id, entryIds) -> {
            if (!entryIds.isEmpty()) {
                pulls.add(new UpdateOneModel<>(eq("_id", id), new Document("$pull", new Document(OutboxStore.OUTBOX,
                        new Document("entryId", new Document("$in", entryIds))))));
            }
        });
        if (!pulls.isEmpty()) {
            collection.bulkWrite(pulls, new BulkWriteOptions().ordered(false));
        }
    }

    private static Bson onlyThese(Object id, List<String> entryIds, Bson condition) {
        List<Bson> filters = new ArrayList<>(List.of(eq("_id", id), size(OutboxStore.OUTBOX, entryIds.size())));
        if (!entryIds.isEmpty()) {
            filters.add(all(OutboxStore.OUTBOX + ".entryId", entryIds));
        }
        if (condition != null) {
            filters.add(condition);
        }
        return and(filters);
    }
}
