package io.provisio.subscription;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.platform.apidocs.DocumentedEndpoints;
import io.provisio.platform.bootstrap.BootstrapFile;
import io.provisio.platform.participant.StepResult;
import io.provisio.subscription.assignment.application.PlanAssignment;
import io.provisio.subscription.bootstrap.StartupData;
import io.provisio.subscription.catalog.persistence.PlanStore;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.PlanRequest;
import io.provisio.subscription.contracts.PlansAssigned;
import io.provisio.subscription.inventory.domain.InventoryItem;
import io.provisio.subscription.inventory.persistence.InventoryStore;
import io.provisio.subscription.testing.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/** The partner-facing reads, their scopes and partner scoping, and the bootstrap's create-if-missing. */
@SpringBootTest(properties = "provisio.bootstrap=src/test/resources/test-bootstrap.yml")
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SubscriptionApiIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    MockMvcTester mvc;
    @Autowired
    InventoryStore inventory;
    @Autowired
    PlanAssignment assignment;
    @Autowired
    StartupData startupData;
    @Autowired
    MongoTemplate mongo;

    @AfterAll
    static void deleteQueues() {
        Queues.deleteAll();
    }

    @Test
    void listsTheBootstrappedCatalogueToCatalogScope() {
        assertThat(mvc.get().uri("/api/v1/plans").with(token("nordic-it", "catalog")))
                .hasStatusOk().bodyJson().isLenientlyEqualTo("""
                        {"items": [
                          {"code": "ARCHIVE", "name": "Mail archive", "unitType": "GB", "minUnits": 1,
                           "maxUnits": 10000, "paid": false, "requires": []},
                          {"code": "CUSTOMER-PORTAL"},
                          {"code": "HOSTED-EXCHANGE", "paid": true, "requires": ["CUSTOMER-PORTAL"]}],
                         "page": 0, "size": 20, "total": 3}""");
    }

    @Test
    void pagesTheCatalogue() {
        assertThat(mvc.get().uri("/api/v1/plans?page=1&size=1").with(token("nordic-it", "onboarding")))
                .hasStatusOk().bodyJson().isLenientlyEqualTo("""
                        {"items": [{"code": "CUSTOMER-PORTAL"}], "page": 1, "size": 1, "total": 3}""");
    }

    @Test
    void rejectsPageSizeAboveTwoHundred() {
        assertThat(mvc.get().uri("/api/v1/plans?size=201").with(token("nordic-it", "catalog")))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("""
                        {"code": "VALIDATION_FAILED", "errors": [{"field": "size"}]}""");
    }

    @Test
    void refusesTheCatalogueWithoutCatalogOrOnboardingScope() {
        assertThat(mvc.get().uri("/api/v1/plans").with(token("nordic-it", "operator")))
                .hasStatus(HttpStatus.FORBIDDEN).bodyJson().extractingPath("$.code").isEqualTo("FORBIDDEN");
    }

    @Test
    void refusesRequestsWithoutToken() {
        assertThat(mvc.get().uri("/api/v1/inventory")).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void showsTheBootstrappedInventoryOfThePartner() {
        assertThat(mvc.get().uri("/api/v1/inventory").with(token("nordic-it", "catalog")))
                .hasStatusOk().bodyJson().isLenientlyEqualTo("""
                        {"items": [
                          {"planCode": "CUSTOMER-PORTAL", "units": 50, "allocated": 0, "available": 50},
                          {"planCode": "HOSTED-EXCHANGE", "units": 500, "allocated": 0, "available": 500}],
                         "total": 2}""");
    }

    @Test
    void showsOnlyTheCallersOwnInventory() {
        String other = "partner-" + UUID.randomUUID();
        inventory.insertIfMissing(other, "ARCHIVE", 7);

        assertThat(mvc.get().uri("/api/v1/inventory").with(token(other, "onboarding")))
                .hasStatusOk().bodyJson().isLenientlyEqualTo("""
                        {"items": [{"planCode": "ARCHIVE", "units": 7, "allocated": 0, "available": 7}], "total": 1}""");
    }

    @Test
    void listsTheCustomersSubscriptionsToItsPartnerOnly() {
        String partner = "partner-" + UUID.randomUUID();
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        inventory.insertIfMissing(partner, "CUSTOMER-PORTAL", 1);
        StepResult result = assignment.assign("saga-" + UUID.randomUUID(), partner, new AssignPlans("cus-7",
                List.of(new PlanRequest("ARCHIVE", 12, TODAY.plusDays(10)), new PlanRequest("CUSTOMER-PORTAL", 1, null)),
                false));
        String id = ((PlansAssigned) result.payload()).subscriptions().getFirst().subscriptionId();

        assertThat(mvc.get().uri("/api/v1/customers/cus-7/subscriptions").with(token(partner, "onboarding")))
                .hasStatusOk().bodyJson().isLenientlyEqualTo("""
                        {"items": [{"id": "%s", "planCode": "ARCHIVE", "units": 12, "startDate": "%s",
                                    "status": "SCHEDULED", "billingStartedAt": null},
                                   {"planCode": "CUSTOMER-PORTAL", "units": 1, "startDate": "%s", "status": "ACTIVE"}],
                         "page": 0, "size": 20, "total": 2}""".formatted(id, TODAY.plusDays(10), TODAY));
        assertThat(mvc.get().uri("/api/v1/customers/cus-7/subscriptions").with(token(partner, "onboarding")))
                .bodyJson().extractingPath("$.items[1].billingStartedAt").asString()
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
        assertThat(mvc.get().uri("/api/v1/customers/cus-7/subscriptions").with(token("nordic-it", "onboarding")))
                .hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void refusesSubscriptionsToCatalogScope() {
        assertThat(mvc.get().uri("/api/v1/customers/cus-7/subscriptions").with(token("nordic-it", "catalog")))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void keepsLaterChangesWhenTheBootstrapRunsAgain(@TempDir Path dir) throws Exception {
        String plan = "PLAN-" + UUID.randomUUID();
        String partner = "partner-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("bootstrap.yml"), """
                plans:
                  - {code: %s, name: Backup, unitType: DEVICE, minUnits: 1, maxUnits: 10, paid: false}
                inventory:
                  - {partnerId: %s, planCode: %s, units: 20}
                """.formatted(plan, partner, plan));
        startupData.load(BootstrapFile.read(file.toString()).orElseThrow());
        mongo.getCollection(PlanStore.COLLECTION).updateOne(eq("_id", plan), set("maxUnits", 99));
        mongo.getCollection(InventoryStore.COLLECTION).updateOne(eq("_id", InventoryStore.idOf(partner, plan)),
                set("units", 40));

        startupData.load(BootstrapFile.read(file.toString()).orElseThrow());

        assertThat(mongo.getCollection(PlanStore.COLLECTION).find(eq("_id", plan)).first().getInteger("maxUnits"))
                .isEqualTo(99);
        assertThat(inventory.find(partner, plan)).contains(new InventoryItem(partner, plan, 40, 0, 20));
    }

    private static RequestPostProcessor token(String partner, String scope) {
        return jwt().jwt(j -> j.claim("partner_id", partner)).authorities(new SimpleGrantedAuthority("SCOPE_" + scope));
    }

    /**
     * The service's OpenAPI document names exactly the public endpoints it maps, so it cannot drift from the code
     * (ADR 019); it is served without a token, for the gateway to merge.
     */
    @Test
    void documentsExactlyThePublicEndpointsItMaps(
            @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings)
            throws Exception {
        var answer = mvc.get().uri("/v3/api-docs").exchange();
        assertThat(answer).hasStatusOk();
        String document = answer.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(DocumentedEndpoints.mapped(mappings)).isNotEmpty();
        assertThat(DocumentedEndpoints.documented(document)).isEqualTo(DocumentedEndpoints.mapped(mappings));
        assertThat(document).startsWith("{\"openapi\":\"3.1.0\"");
    }
}
