package io.provisio.customer.customers.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import io.provisio.customer.LeaveNoQueues;
import io.provisio.customer.contracts.Address;
import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.customer.contracts.Setup;
import io.provisio.customer.customers.domain.Customer;
import io.provisio.customer.customers.domain.CustomerEvent;
import io.provisio.customer.customers.domain.CustomerStatus;
import io.provisio.devstack.TestInfrastructureInitializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents of {@code customers} and {@code domain_claims}, read raw: the field names, value types (instants as
 * dates, the setup's start day as text, the depth as an int), nested documents and nulls as customer-service has
 * always stored them (existing data, bench's StoreCloner and the acceptance tests read them), no type hint
 * ({@code _class}), and documents of that shape, also ones written before versions and sub-domains, read back whole.
 */
@SpringBootTest
@AutoConfigureMockMvc // not used here: it lets this class share the other ITs' application context
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class StoredShapeIT {

    private static final Instant ESCALATED = Instant.parse("2027-01-05T07:00:00.123Z");
    private static final Instant COMPLETED = Instant.parse("2027-01-06T09:30:00.456Z");

    @Autowired
    CustomerStore customers;
    @Autowired
    CustomerQueries queries;
    @Autowired
    CustomerChanges changes;
    @Autowired
    CustomerSetupStore setups;
    @Autowired
    DomainClaimStore claims;
    @Autowired
    MongoTemplate mongo;

    @Test
    void aCustomerWithDelegatedSetupThroughItsLife() {
        String partnerId = "shape-" + UUID.randomUUID();
        String id = "cus-" + UUID.randomUUID();
        String account = "shape-" + UUID.randomUUID().toString().substring(0, 8);
        String domain = account + ".se";
        String subdomain = claims.subdomainOf(account);
        CustomerProfile profile = new CustomerProfile(account, "Shape AB", null, null,
                new Address("Kungsgatan 12", "Göteborg", null, "411 19", "SE"), "PROFESSIONAL_SERVICES", "STANDARD",
                "BASIC", "sv-SE", List.of(domain), "larm@shape.se",
                new Setup("DELEGATE", "it@shape.se", LocalDate.parse("2027-01-04")));

        assertThat(customers.register(partnerId, id, "onb-" + id, profile).outcome())
                .isEqualTo(CustomerStore.Outcome.REGISTERED);
        Document registered = stored(CustomerStore.COLLECTION, id);
        assertThat(registered.get("createdAt")).isInstanceOf(Date.class);
        Date createdAt = registered.getDate("createdAt");
        Document pendingSetup = new Document("status", "SETUP_PENDING")
                .append("by", "DELEGATE")
                .append("contactEmail", "it@shape.se")
                .append("startDate", "2027-01-04")
                .append("escalatedAt", null)
                .append("completedAt", null);
        Document address = new Document("street", "Kungsgatan 12")
                .append("city", "Göteborg")
                .append("region", null)
                .append("postalCode", "411 19")
                .append("country", "SE");
        assertThat(registered).isEqualTo(new Document("_id", id)
                .append("accountName", account)
                .append("companyName", "Shape AB")
                .append("externalCode", null)
                .append("parentCustomerId", null)
                .append("address", address)
                .append("businessType", "PROFESSIONAL_SERVICES")
                .append("tenantType", "STANDARD")
                .append("edition", "BASIC")
                .append("locale", "sv-SE")
                .append("domains", List.of(domain))
                .append("emergencyContactEmail", "larm@shape.se")
                .append("partnerId", partnerId)
                .append("sagaId", "onb-" + id)
                .append("accountNameKey", partnerId + "/" + account)
                .append("subdomain", subdomain)
                .append("depth", 1)
                .append("searchKey", account + "\nshape ab\n")
                .append("status", "PROVISIONING")
                .append("version", 0L)
                .append("createdAt", createdAt)
                .append("activatedAt", null)
                .append("setup", pendingSetup));
        assertThat(stored(DomainClaimStore.COLLECTION, domain)).isEqualTo(new Document("_id", domain)
                .append("customerId", id).append("partnerId", partnerId)
                .append("claimedAt", stored(DomainClaimStore.COLLECTION, domain).getDate("claimedAt")));
        assertThat(stored(DomainClaimStore.COLLECTION, subdomain).keySet())
                .containsExactly("_id", "customerId", "partnerId", "claimedAt");

        assertThat(customers.activate(partnerId, id)).isTrue();
        assertThat(setups.recordSetupEscalation(partnerId, id, ESCALATED)).isTrue();
        assertThat(setups.completeSetup(partnerId, id, COMPLETED, subdomain)).isTrue();
        Document active = stored(CustomerStore.COLLECTION, id);
        assertThat(active.get("activatedAt")).isInstanceOf(Date.class);
        assertThat(active).containsEntry("status", "ACTIVE").containsEntry("version", 1L)
                .containsEntry("setup", new Document("status", "SETUP_DONE")
                        .append("by", "DELEGATE")
                        .append("contactEmail", "it@shape.se")
                        .append("startDate", "2027-01-04")
                        .append("escalatedAt", Date.from(ESCALATED))
                        .append("completedAt", Date.from(COMPLETED))
                        .append("subdomain", subdomain))
                .doesNotContainKey("updatedAt");

        Customer read = queries.find(partnerId, id).orElseThrow();
        assertThat(read).isEqualTo(new Customer(id, partnerId, CustomerStatus.ACTIVE, account, "Shape AB", null, null,
                new io.provisio.customer.customers.domain.Address("Kungsgatan 12", "Göteborg", null, "411 19", "SE"),
                "PROFESSIONAL_SERVICES", "STANDARD", "BASIC", "sv-SE", List.of(domain), "larm@shape.se", subdomain,
                createdAt.toInstant(), active.getDate("activatedAt").toInstant(),
                new io.provisio.customer.customers.domain.Setup("SETUP_DONE", "DELEGATE", "it@shape.se",
                        LocalDate.parse("2027-01-04"), ESCALATED, COMPLETED, subdomain), 1L));

        Customer patched = read.patched(new Customer.Patch("Shape Göteborg AB", "EXT-1",
                new io.provisio.customer.customers.domain.Address("Avenyn 1", "Göteborg", null, "411 36", "SE"),
                "RETAIL", "sv-SE", null));
        assertThat(changes.patch(read, patched)).isTrue();
        assertThat(changes.patch(read, patched)).as("a stale version loses").isFalse();
        Document afterPatch = stored(CustomerStore.COLLECTION, id);
        assertThat(afterPatch.get("updatedAt")).isInstanceOf(Date.class);
        assertThat(afterPatch).containsEntry("companyName", "Shape Göteborg AB").containsEntry("externalCode", "EXT-1")
                .containsEntry("address", new Document("street", "Avenyn 1").append("city", "Göteborg")
                        .append("postalCode", "411 36").append("country", "SE"))
                .containsEntry("businessType", "RETAIL").containsEntry("locale", "sv-SE")
                .containsEntry("emergencyContactEmail", null)
                .containsEntry("searchKey", account + "\nshape goteborg ab\next-1\n")
                .containsEntry("version", 2L);

        Customer current = queries.find(partnerId, id).orElseThrow();
        Customer.Transition suspension = current.suspend(COMPLETED);
        assertThat(changes.changeStatus(current, CustomerStatus.SUSPENDED, suspension.event().orElseThrow()))
                .isTrue();
        assertThat(changes.changeStatus(current, CustomerStatus.SUSPENDED,
                new CustomerEvent.Suspended(id, COMPLETED))).as("decided on a status that changed").isFalse();
        String renamed = claims.subdomainOf(account + "-ny");
        assertThat(setups.changeSubdomain(partnerId, id, renamed)).isEqualTo(CustomerSetupStore.SubdomainChange.CLAIMED);
        Document changed = stored(CustomerStore.COLLECTION, id);
        assertThat(changed).containsEntry("status", "SUSPENDED").containsEntry("subdomain", renamed)
                .containsEntry("version", 4L).doesNotContainKey("_class");
        assertThat(changed.get("outbox")).isInstanceOf(List.class);
        assertThat(changed.keySet()).containsAll(registered.keySet()).contains("updatedAt", "outbox");
        assertThat(stored(DomainClaimStore.COLLECTION, subdomain)).as("the old sub-domain released").isNull();
    }

    @Test
    void aChildWithoutAddressDomainsOrSetupKeepsTheirNullsAndNoSetup() {
        String partnerId = "shape-" + UUID.randomUUID();
        String parentId = "cus-" + UUID.randomUUID();
        String childId = "cus-" + UUID.randomUUID();
        String parentAccount = "shape-" + UUID.randomUUID().toString().substring(0, 8);
        String childAccount = parentAccount + "-sub";
        customers.register(partnerId, parentId, "onb-" + parentId, new CustomerProfile(parentAccount, "Shape AB",
                null, null, null, null, "STANDARD", "BASIC", "sv-SE", null, null));
        customers.activate(partnerId, parentId);

        assertThat(customers.register(partnerId, childId, "onb-" + childId, new CustomerProfile(childAccount,
                "Shape Sub AB", "SUB-1", parentId, null, null, "STANDARD", "BASIC", null, null, null)).outcome())
                .isEqualTo(CustomerStore.Outcome.REGISTERED);
        Document child = stored(CustomerStore.COLLECTION, childId);
        assertThat(child).isEqualTo(new Document("_id", childId)
                .append("accountName", childAccount)
                .append("companyName", "Shape Sub AB")
                .append("externalCode", "SUB-1")
                .append("parentCustomerId", parentId)
                .append("address", null)
                .append("businessType", null)
                .append("tenantType", "STANDARD")
                .append("edition", "BASIC")
                .append("locale", null)
                .append("domains", null)
                .append("emergencyContactEmail", null)
                .append("partnerId", partnerId)
                .append("sagaId", "onb-" + childId)
                .append("accountNameKey", partnerId + "/" + childAccount)
                .append("subdomain", claims.subdomainOf(childAccount))
                .append("depth", 2)
                .append("searchKey", childAccount + "\nshape sub ab\nsub-1\n")
                .append("status", "PROVISIONING")
                .append("version", 0L)
                .append("createdAt", child.getDate("createdAt"))
                .append("activatedAt", null));
        assertThat(queries.find(partnerId, childId).orElseThrow().setup()).isNull();
        assertThat(customers.parent(partnerId, parentId)).contains(
                new CustomerStore.Parent(parentId, 1, "sv-SE", null, null));
    }

    @Test
    void readsACustomerStoredBeforeVersionsDepthsAndSubdomains() {
        String partnerId = "shape-" + UUID.randomUUID();
        String id = "cus-" + UUID.randomUUID();
        String account = "gammal-" + UUID.randomUUID().toString().substring(0, 8);
        Instant created = Instant.parse("2025-03-01T10:00:00.789Z");
        mongo.getCollection(CustomerStore.COLLECTION).insertOne(new Document("accountName", account)
                .append("companyName", "Gammal AB")
                .append("externalCode", null)
                .append("parentCustomerId", null)
                .append("address", new Document("street", "Storgatan 1").append("city", "Umeå").append("region", null)
                        .append("postalCode", "903 26").append("country", "SE"))
                .append("businessType", "RETAIL")
                .append("tenantType", "STANDARD")
                .append("edition", "BASIC")
                .append("locale", "sv-SE")
                .append("domains", List.of(account + ".se"))
                .append("emergencyContactEmail", null)
                .append("_id", id)
                .append("partnerId", partnerId)
                .append("sagaId", "onb-" + id)
                .append("accountNameKey", partnerId + "/" + account)
                .append("searchKey", account + "\ngammal ab\n")
                .append("status", "ACTIVE")
                .append("createdAt", Date.from(created))
                .append("activatedAt", Date.from(created)));

        assertThat(queries.find(partnerId, id)).contains(new Customer(id, partnerId, CustomerStatus.ACTIVE, account,
                "Gammal AB", null, null,
                new io.provisio.customer.customers.domain.Address("Storgatan 1", "Umeå", null, "903 26", "SE"),
                "RETAIL", "STANDARD", "BASIC", "sv-SE", List.of(account + ".se"), null, null, created, created, null,
                0L));
        assertThat(customers.parent(partnerId, id)).contains(new CustomerStore.Parent(id, 1, "sv-SE", "RETAIL", null));
        assertThat(queries.list(partnerId, CustomerStatus.ACTIVE, null, "gammal", 0, 10)).extracting(Customer::id)
                .containsExactly(id);

        setups.claimSubdomainsOfEarlierCustomers();
        assertThat(stored(CustomerStore.COLLECTION, id)).containsEntry("subdomain", claims.subdomainOf(account))
                .doesNotContainKey("version");
    }

    private Document stored(String collection, String id) {
        return mongo.getCollection(collection).find(eq("_id", id)).first();
    }
}
