package io.provisio.subscription;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.subscription.assignment.domain.Allocation;
import io.provisio.subscription.assignment.persistence.AllocationLedger;
import io.provisio.subscription.catalog.domain.Plan;
import io.provisio.subscription.catalog.persistence.PlanStore;
import io.provisio.subscription.customer.domain.Suspension;
import io.provisio.subscription.customer.persistence.CustomerStore;
import io.provisio.subscription.user.persistence.UserStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue, the allocation ledger and the service's copies of customers and users are stored field for field as
 * they always were (a plan's code and an id that reads as an ObjectId's hex stay string ids), and read back from that
 * shape, also with counters a migration left as long.
 */
@SpringBootTest(properties = "provisio.bootstrap=src/test/resources/test-bootstrap.yml")
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StoredShapeIT {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00.123Z");
    /** A plan code that reads as an ObjectId's hex. */
    private static final String HEX_CODE = "0123456789abcdef01234567";

    @Autowired
    PlanStore plans;
    @Autowired
    AllocationLedger ledger;
    @Autowired
    CustomerStore customers;
    @Autowired
    UserStore users;
    @Autowired
    MongoTemplate mongo;

    /** The catalogue is the service's, not a partner's: the plans made here leave, so listings elsewhere stay as seeded. */
    @AfterEach
    void removeThePlansMadeHere() {
        mongo.getCollection(PlanStore.COLLECTION).deleteMany(Filters.or(Filters.regex("_id", "^SHAPE-"),
                eq("_id", HEX_CODE)));
    }

    @Test
    void aPlanAndAPlanAMigrationLeftWithLongLimits() {
        String code = "SHAPE-" + UUID.randomUUID();
        Plan plan = new Plan(code, "Shape plan", "USER", 1, 50, true, List.of("CUSTOMER-PORTAL"));

        assertThat(plans.insertIfMissing(plan)).isTrue();
        assertThat(raw(PlanStore.COLLECTION, code)).isEqualTo(new Document("_id", code).append("name", "Shape plan")
                .append("unitType", "USER").append("minUnits", 1).append("maxUnits", 50).append("paid", true)
                .append("requires", List.of("CUSTOMER-PORTAL")));
        assertThat(plans.findByCodes(List.of(code))).isEqualTo(Map.of(code, plan));

        String hex = HEX_CODE;
        mongo.getCollection(PlanStore.COLLECTION).insertOne(new Document("_id", hex).append("name", "Old")
                .append("unitType", "TENANT").append("minUnits", 1L).append("maxUnits", 1L));
        assertThat(plans.findByCodes(List.of(hex)))
                .isEqualTo(Map.of(hex, new Plan(hex, "Old", "TENANT", 1, 1, false, List.of())));
        plans.put(new Plan(hex, "Renamed", "TENANT", 1, 1, false, List.of()));
        assertThat(raw(PlanStore.COLLECTION, hex).getString("name")).as("replaced by its string id").isEqualTo("Renamed");
    }

    @Test
    void anAllocationWithAndWithoutItsSubscription() {
        String partner = "shape-" + UUID.randomUUID();
        Allocation taken = Allocation.of(partner, "saga-1", "customer-1", "ARCHIVE", 3, "subscription-1");
        Allocation portal = Allocation.of(partner, "saga-1", "customer-1", "CUSTOMER-PORTAL", 1, null);

        ledger.record(taken);
        ledger.record(portal);
        assertThat(raw(AllocationLedger.COLLECTION, taken.id())).isEqualTo(new Document("_id", taken.id())
                .append("partnerId", partner).append("sagaId", "saga-1").append("customerId", "customer-1")
                .append("planCode", "ARCHIVE").append("units", 3).append("subscriptionId", "subscription-1"));
        Document stored = raw(AllocationLedger.COLLECTION, portal.id());
        assertThat(stored.containsKey("subscriptionId")).as("subscriptionId written as null").isTrue();
        assertThat(stored.get("subscriptionId")).isNull();
        assertThat(ledger.ofSaga(partner, "saga-1")).containsExactlyInAnyOrder(taken, portal);
    }

    @Test
    void aCustomerAndItsSuspension() {
        String partner = "shape-" + UUID.randomUUID();
        String customerId = UUID.randomUUID().toString();

        customers.insertIfMissing(partner, customerId, "saga-1");
        assertThat(raw(CustomerStore.COLLECTION, customerId)).isEqualTo(new Document("_id", customerId)
                .append("partnerId", partner).append("sagaId", "saga-1"));
        assertThat(customers.suspension(partner, customerId)).isEmpty();

        assertThat(customers.recordSuspension(partner, customerId, true, AT)).isTrue();
        assertThat(raw(CustomerStore.COLLECTION, customerId).get("suspension"))
                .isEqualTo(new Document("suspended", true).append("at", Date.from(AT)));
        assertThat(customers.suspension(partner, customerId)).contains(new Suspension(true, AT));
        assertThat(customers.suspension("another-partner", customerId)).isEmpty();
    }

    @Test
    void aUserAndItsTombstone() {
        String partner = "shape-" + UUID.randomUUID();
        String userId = UUID.randomUUID().toString();

        assertThat(users.insertIfMissing(partner, "customer-1", userId, "anna@shape.example", AT)).isTrue();
        assertThat(raw(UserStore.COLLECTION, partner + "/" + userId)).isEqualTo(new Document("_id", partner + "/" + userId)
                .append("partnerId", partner).append("customerId", "customer-1").append("userId", userId)
                .append("upn", "anna@shape.example").append("deleted", false).append("createdAt", Date.from(AT)));
        assertThat(users.exists(partner, "customer-1", userId)).isTrue();

        users.markDeleted(partner, "customer-1", userId, AT.plusSeconds(1));
        assertThat(users.exists(partner, "customer-1", userId)).isFalse();
        assertThat(users.insertIfMissing(partner, "customer-1", userId, "anna@shape.example", AT)).isFalse();
    }

    private Document raw(String collection, String id) {
        return mongo.getCollection(collection).find(eq("_id", id)).first();
    }
}
