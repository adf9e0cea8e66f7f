package io.provisio.devstack.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The positions an index hands the collection: a range reads the values of its type only. */
class SecondaryIndexTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ObjIntConsumer<String> UNCOUNTED = (index, candidates) -> { };

    @Test
    void readsOnlyTheDatesBeforeTheBoundForADeadlineQueryNotTheFinishedDocumentsWithoutOne() {
        SecondaryIndex<Object> index = new SecondaryIndex<>("deadline", List.of(new IndexKey("deadline", true)), false,
                "shop.orders.deadline", UNCOUNTED);
        for (int i = 0; i < 1000; i++) {
            // Finished: the deadline is null or gone, as in every completed onboarding.
            index.add(new Document("_id", "done-" + i).append("deadline", i % 2 == 0 ? null : de.bwaldvogel.mongo.backend.Missing.getInstance()), "done-" + i, null);
        }
        index.add(new Document("_id", "late").append("deadline", NOW.minusSeconds(5)), "late", null);
        index.add(new Document("_id", "waiting").append("deadline", NOW.plusSeconds(5)), "waiting", null);
        index.add(new Document("_id", "odd").append("deadline", 17), "odd", null);

        assertThat(positions(index, new Document("deadline", new Document("$lt", NOW)))).containsExactly("late");
        assertThat(positions(index, new Document("deadline", new Document("$gte", NOW)))).containsExactly("waiting");
        assertThat(positions(index, new Document("deadline", new Document("$lt", 100)))).containsExactly("odd");
    }

    @Test
    void narrowsByEqualityOnLeadingKeysThenByRange() {
        SecondaryIndex<Object> index = new SecondaryIndex<>("due",
                List.of(new IndexKey("status", true), new IndexKey("sendAt", true)), false, "shop.mails.due", UNCOUNTED);
        index.add(new Document("_id", "a").append("status", "SCHEDULED").append("sendAt", NOW.minusSeconds(1)), "a", null);
        index.add(new Document("_id", "b").append("status", "SCHEDULED").append("sendAt", NOW.plusSeconds(60)), "b", null);
        index.add(new Document("_id", "c").append("status", "SENT").append("sendAt", NOW.minusSeconds(60)), "c", null);

        assertThat(positions(index, new Document("status", "SCHEDULED").append("sendAt", new Document("$lte", NOW))))
                .containsExactly("a");
        assertThat(positions(index, new Document("status", "SCHEDULED"))).containsExactlyInAnyOrder("a", "b");
        assertThat(positions(index, new Document("status", new Document("$in", List.of("SENT", "FAILED")))))
                .containsExactly("c");
        index.remove(new Document("_id", "a").append("status", "SCHEDULED").append("sendAt", NOW.minusSeconds(1)));
        assertThat(positions(index, new Document("status", "SCHEDULED"))).containsExactly("b");
    }

    @Test
    void removesADocumentWhoseArrayFieldIsEmpty() {
        SecondaryIndex<Object> index = new SecondaryIndex<>("spent", List.of(new IndexKey("spent.hash", true)), false,
                "shop.orders.spent", UNCOUNTED);
        Document document = new Document("_id", "u1").append("spent", List.of());
        index.add(document, "u1", null);

        // The collection refuses to delete a document a non-sparse index cannot place.
        assertThat(index.remove(document)).isEqualTo("u1");
        assertThat(index.getCount()).isZero();
    }

    private static List<Object> positions(SecondaryIndex<Object> index, Document query) {
        assertThat(index.canHandle(query)).isTrue();
        List<Object> positions = new ArrayList<>();
        index.getPositions(query).forEach(positions::add);
        return positions;
    }
}
