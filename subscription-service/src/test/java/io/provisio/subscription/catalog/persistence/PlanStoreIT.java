package io.provisio.subscription.catalog.persistence;

import java.time.Duration;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.provisio.devstack.Infrastructure;
import io.provisio.subscription.catalog.domain.Plan;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans an assignment reads are kept for a while: a change made elsewhere (another replica's operator call,
 * here a write straight to the collection) shows once that time is over, one made through this store at once, and
 * a code not found is never kept.
 */
class PlanStoreIT {

    private static final String DATABASE = "subscriptions-plan-store-it";

    private static MongoClient client;
    private static MongoTemplate mongo;
    private static MongoCollection<Document> collection;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(Infrastructure.mongoUri());
        mongo = new MongoTemplate(client, DATABASE);
        collection = mongo.getCollection(PlanStore.COLLECTION);
    }

    @AfterAll
    static void disconnect() {
        client.getDatabase(DATABASE).drop();
        client.close();
    }

    @BeforeEach
    void emptyCatalogue() {
        collection.deleteMany(new Document());
    }

    @Test
    void keepsAPlanReadForItsTimeAndTakesThisStoresOwnChangeAtOnce() {
        PlanStore store = new PlanStore(mongo, Duration.ofMinutes(10));
        store.put(plan("HOSTED-EXCHANGE", 50));
        assertThat(store.findByCodes(List.of("HOSTED-EXCHANGE")).get("HOSTED-EXCHANGE").maxUnits()).isEqualTo(50);

        changedElsewhere("HOSTED-EXCHANGE", 70);
        assertThat(store.findByCodes(List.of("HOSTED-EXCHANGE")).get("HOSTED-EXCHANGE").maxUnits())
                .as("another replica's change waits for the time to pass").isEqualTo(50);

        store.put(plan("HOSTED-EXCHANGE", 90));
        assertThat(store.findByCodes(List.of("HOSTED-EXCHANGE")).get("HOSTED-EXCHANGE").maxUnits())
                .as("this replica's own change is seen at once").isEqualTo(90);
    }

    @Test
    void readsEveryTimeWhenKeptForNoTime() {
        PlanStore store = new PlanStore(mongo, Duration.ZERO);
        store.put(plan("HOSTED-EXCHANGE", 50));
        assertThat(store.findByCodes(List.of("HOSTED-EXCHANGE")).get("HOSTED-EXCHANGE").maxUnits()).isEqualTo(50);

        changedElsewhere("HOSTED-EXCHANGE", 70);

        assertThat(store.findByCodes(List.of("HOSTED-EXCHANGE")).get("HOSTED-EXCHANGE").maxUnits()).isEqualTo(70);
    }

    @Test
    void seesAPlanAddedElsewhereAtOnceAsCodesNotFoundAreNotKept() {
        PlanStore store = new PlanStore(mongo, Duration.ofMinutes(10));
        store.put(plan("HOSTED-EXCHANGE", 50));
        assertThat(store.findByCodes(List.of("HOSTED-EXCHANGE", "SHAREPOINT"))).containsOnlyKeys("HOSTED-EXCHANGE");

        new PlanStore(mongo, Duration.ZERO).put(plan("SHAREPOINT", 10));

        assertThat(store.findByCodes(List.of("HOSTED-EXCHANGE", "SHAREPOINT")))
                .containsOnlyKeys("HOSTED-EXCHANGE", "SHAREPOINT");
    }

    private static void changedElsewhere(String code, int maxUnits) {
        assertThat(collection.updateOne(Filters.eq("_id", code), Updates.set("maxUnits", maxUnits)).getModifiedCount())
                .isEqualTo(1);
    }

    private static Plan plan(String code, int maxUnits) {
        return new Plan(code, code, "USER", 1, maxUnits, false, List.of());
    }
}
