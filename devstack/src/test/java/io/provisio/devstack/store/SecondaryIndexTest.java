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

    @Test
    void anUpdateTouchesOnlyTheKeysItChanged() {
        SecondaryIndex<Object> index = new SecondaryIndex<>("tags", List.of(new IndexKey("tags", true)), false,
                "shop.orders.tags", UNCOUNTED);
        Document first = new Document("_id", "o1").append("tags", List.of("red", "green")).append("n", 1);
        index.add(first, "o1", null);
        index.add(new Document("_id", "o2").append("tags", List.of("red")), "o2", null);

        Document counted = new Document("_id", "o1").append("tags", List.of("red", "green")).append("n", 2);
        index.updateInPlace(first, counted, "o1", null);
        // Keys unchanged: o1 keeps its place under "red" (removing and re-adding it put it after o2).
        assertThat(positions(index, new Document("tags", "red"))).containsExactly("o1", "o2");

        Document retagged = new Document("_id", "o1").append("tags", List.of("green", "blue"));
        index.updateInPlace(counted, retagged, "o1", null);
        assertThat(positions(index, new Document("tags", "red"))).containsExactly("o2");
        assertThat(positions(index, new Document("tags", "green"))).containsExactly("o1");
        assertThat(positions(index, new Document("tags", "blue"))).containsExactly("o1");

        // 1 and 1L are two keys to the document but one entry of the index: dropping one keeps the document there.
        Document numbered = new Document("_id", "o1").append("tags", List.of(1, 1L));
        index.updateInPlace(retagged, numbered, "o1", null);
        index.updateInPlace(numbered, new Document("_id", "o1").append("tags", List.of(1)), "o1", null);
        assertThat(positions(index, new Document("tags", 1))).containsExactly("o1");
        assertThat(positions(index, new Document("tags", "green"))).isEmpty();
        assertThat(index.getCount()).isEqualTo(2);
    }

    @Test
    void anUpdateThatClearsASparseIndexsFieldsTakesTheDocumentOut() {
        SecondaryIndex<Object> index = new SecondaryIndex<>("coupon", List.of(new IndexKey("coupon", true)), true,
                "shop.orders.coupon", UNCOUNTED);
        Document withCoupon = new Document("_id", "o1").append("coupon", "WINTER");
        index.add(withCoupon, "o1", null);

        index.updateInPlace(withCoupon, new Document("_id", "o1"), "o1", null);

        assertThat(positions(index, new Document("coupon", "WINTER"))).isEmpty();
        assertThat(index.getCount()).isZero();
    }

    @Test
    void yieldsInTheSortsOrderOnlyWhenTheSortFollowsTheKeysTheQueryPins() {
        SecondaryIndex<Object> index = new SecondaryIndex<>("due",
                List.of(new IndexKey("status", true), new IndexKey("sendAt", true)), false, "shop.mails.due", UNCOUNTED);
        Document due = new Document("status", "SCHEDULED").append("sendAt", new Document("$lte", NOW));
        Document bySendAt = new Document("sendAt", 1);

        assertThat(index.yieldsInOrder(due, bySendAt)).isTrue();
        assertThat(index.yieldsInOrder(due, new Document("status", 1).append("sendAt", 1))).isTrue();
        assertThat(index.yieldsInOrder(new Document("status", "SCHEDULED"), new Document("sendAt", 1.0))).isTrue();
        assertThat(index.yieldsInOrder(new Document("status", new Document("$in", List.of("SCHEDULED"))), bySendAt))
                .isTrue();
        assertThat(index.yieldsInOrder(new Document("status", new Document("$gte", "A")), bySendAt))
                .as("status is a range, so sendAt restarts with each status").isFalse();
        assertThat(index.yieldsInOrder(new Document("status", new Document("$in", List.of("SCHEDULED", "SENDING"))),
                bySendAt)).as("two stretches of the index").isFalse();
        assertThat(index.yieldsInOrder(due, new Document("sendAt", -1))).isFalse();
        assertThat(index.yieldsInOrder(due, new Document("sendAt", 1).append("_id", 1))).isFalse();
        assertThat(index.yieldsInOrder(due, new Document())).isFalse();
        assertThat(index.yieldsInOrder(due, null)).isFalse();
    }

    @Test
    void readsAStretchInOrderOnlyAsFarAsItsReaderGoesAndHandsEachDocumentOnce() {
        java.util.Map<String, Integer> counted = new java.util.TreeMap<>();
        SecondaryIndex<Object> index = new SecondaryIndex<>("due",
                List.of(new IndexKey("status", true), new IndexKey("sendAt", true)), false, "shop.mails.due",
                (label, candidates) -> counted.merge(label, candidates, Integer::sum));
        for (int i = 0; i < 1000; i++) {
            index.add(due("m" + i, NOW.minusSeconds(1000 - i)), "m" + i, null);
        }
        index.add(due("later", NOW.plusSeconds(60)), "later", null);
        Document dueNow = new Document("status", "SCHEDULED").append("sendAt", new Document("$lte", NOW));
        assertThat(index.yieldsInOrder(dueNow, new Document("sendAt", 1))).isTrue();

        java.util.Iterator<Object> first = index.positionsInOrder(dueNow).iterator();
        assertThat(first.next()).isEqualTo("m0");
        assertThat(counted).as("a claim of the first due reads one batch, not the backlog")
                .containsExactly(java.util.Map.entry("shop.mails.due", 16));

        counted.clear();
        List<Object> all = new ArrayList<>();
        java.util.Iterator<Object> reader = index.positionsInOrder(dueNow).iterator();
        for (int i = 0; i < 20; i++) {
            all.add(reader.next());
        }
        // m1 is handed already; moved to the end of the stretch, it is not handed again. m999 moves behind the reader.
        index.remove(due("m1", NOW.minusSeconds(999)));
        index.add(due("m1", NOW), "m1", null);
        index.remove(due("m999", NOW.minusSeconds(1)));
        index.add(due("m999", NOW.minusSeconds(5000)), "m999", null);
        reader.forEachRemaining(all::add);

        assertThat(all).hasSize(999).doesNotHaveDuplicates().doesNotContain("later", "m999").startsWith("m0", "m1", "m2")
                .endsWith("m997", "m998");
        assertThat(counted).containsEntry("shop.mails.due", 16).containsEntry("shop.mails.due" + SecondaryIndex.READ_ON,
                999 - 16);
    }

    private static Document due(String id, Instant sendAt) {
        return new Document("_id", id).append("status", "SCHEDULED").append("sendAt", sendAt);
    }

    private static List<Object> positions(SecondaryIndex<Object> index, Document query) {
        assertThat(index.canHandle(query)).isTrue();
        List<Object> positions = new ArrayList<>();
        index.getPositions(query).forEach(positions::add);
        return positions;
    }
}
