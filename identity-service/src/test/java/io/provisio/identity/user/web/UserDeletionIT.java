package io.provisio.identity.user.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.Published;
import io.provisio.identity.user.Customers;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserQueries;
import io.provisio.identity.user.persistence.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** {@code DELETE /api/v1/customers/{id}/users/{uid}}: the event over the real broker, the last administrator, scoping. */
@IdentityServiceTest
class UserDeletionIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    UserStore users;

    @Autowired
    UserQueries queries;

    @Autowired
    OrganizationStore organizations;

    @Autowired
    MongoTemplate mongo;

    Customers.Onboarded testbolag;

    @BeforeEach
    void customerOfNordicIt() {
        testbolag = Customers.testbolag(organizations, users, "nordic-it");
    }

    @Test
    void deletesAUserWithItsPendingLinkAndPublishesUserDeleted() throws Exception {
        String email = "karin." + UUID.randomUUID() + "@testbolag.se";
        String userId = addUser("karin.lund", email, null, "USER");
        String token = Published.messages().await("ScheduleActivationEmail",
                p -> p.get("userId").asString().equals(userId), 1).getFirst()
                .get("payload").get("activationToken").asString();

        MvcResult deleted = deleteUser("nordic-it", testbolag.customerId(), userId);

        assertThat(deleted.getResponse().getStatus()).isEqualTo(204);
        assertThat(Published.messages().await("UserDeleted", p -> p.get("userId").asString().equals(userId), 1))
                .singleElement().satisfies(event -> {
                    assertThat(event.get("partnerId").asString()).isEqualTo("nordic-it");
                    assertThat(event.get("payload").get("customerId").asString()).isEqualTo(testbolag.customerId());
                });
        assertThat(listedIds()).containsExactly(testbolag.administratorId());
        MvcResult activation = mvc.perform(post("/api/v1/activation").contentType("application/json")
                .content(json.writeValueAsString(Map.of("token", token, "password", UserApiIT.STRONG)))).andReturn();
        assertThat(activation.getResponse().getStatus()).isEqualTo(400);
        assertThat(code(activation)).isEqualTo("ACTIVATION_TOKEN_INVALID");
        awaitGone(userId);
    }

    @Test
    void answersASecondDeleteWith404AndPublishesNoSecondEvent() throws Exception {
        String userId = addUser("karin.lund", "karin." + UUID.randomUUID() + "@testbolag.se", UserApiIT.STRONG,
                "USER");
        assertThat(deleteUser("nordic-it", testbolag.customerId(), userId).getResponse().getStatus()).isEqualTo(204);

        MvcResult again = deleteUser("nordic-it", testbolag.customerId(), userId);

        assertThat(again.getResponse().getStatus()).isEqualTo(404);
        assertThat(code(again)).isEqualTo("NOT_FOUND");
        awaitGone(userId);
        // The tombstone leaves only after its event was confirmed, so the one event is already here.
        assertThat(Published.messages().matching("UserDeleted", p -> p.get("userId").asString().equals(userId)))
                .hasSize(1);
        assertThat(deleteUser("nordic-it", testbolag.customerId(), userId).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void freesTheEmailAndUsernameOfADeletedUser() throws Exception {
        String email = "karin." + UUID.randomUUID() + "@testbolag.se";
        String first = addUser("karin.lund", email, UserApiIT.STRONG, "USER");
        assertThat(deleteUser("nordic-it", testbolag.customerId(), first).getResponse().getStatus()).isEqualTo(204);

        String second = addUser("karin.lund", email, UserApiIT.STRONG, "USER");

        assertThat(second).isNotEqualTo(first);
        assertThat(listedIds()).containsExactly(testbolag.administratorId(), second);
        awaitGone(first);
    }

    @Test
    void refusesToDeleteTheLastAdministrator() throws Exception {
        MvcResult refused = deleteUser("nordic-it", testbolag.customerId(), testbolag.administratorId());

        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(code(refused)).isEqualTo("LAST_ADMINISTRATOR");
        assertThat(listedIds()).containsExactly(testbolag.administratorId());

        String second = addUser("karin.lund", "karin." + UUID.randomUUID() + "@testbolag.se", null, "ADMINISTRATOR");
        assertThat(deleteUser("nordic-it", testbolag.customerId(), testbolag.administratorId()).getResponse()
                .getStatus()).isEqualTo(204);
        MvcResult lastAgain = deleteUser("nordic-it", testbolag.customerId(), second);
        assertThat(lastAgain.getResponse().getStatus()).isEqualTo(409);
        assertThat(code(lastAgain)).isEqualTo("LAST_ADMINISTRATOR");
        assertThat(listedIds()).containsExactly(second);
        awaitGone(testbolag.administratorId());
    }

    @Test
    void keepsOneAdministratorWhenTwoAreDeletedAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Customers.Onboarded customer = Customers.testbolag(organizations, users, "nordic-it");
                testbolag = customer;
                String second = addUser("karin.lund", "karin." + UUID.randomUUID() + "@testbolag.se", null,
                        "ADMINISTRATOR");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (String admin : List.of(customer.administratorId(), second)) {
                    Callable<Integer> removal = () -> {
                        start.await();
                        return deleteUser("nordic-it", customer.customerId(), admin).getResponse().getStatus();
                    };
                    answers.add(threads.submit(removal));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(30, TimeUnit.SECONDS));
                }

                // 409 is LAST_ADMINISTRATOR, or CHANGE_IN_PROGRESS when the other removal held the claim.
                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(204, 409);
                assertThat(queries.countAdministrators("nordic-it", customer.customerId())).as("round " + round).isEqualTo(1);
                for (String admin : List.of(customer.administratorId(), second)) {
                    if (queries.find(admin).isEmpty()) {
                        awaitGone(admin);
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void answersAnotherPartnerAndAnotherCustomer404AsForAUserThatDoesNotExist() throws Exception {
        String userId = addUser("karin.lund", "karin." + UUID.randomUUID() + "@testbolag.se", UserApiIT.STRONG,
                "USER");
        Customers.Onboarded other = Customers.testbolag(organizations, users, "nordic-it");

        MvcResult foreign = deleteUser("alpine-msp", testbolag.customerId(), userId);
        MvcResult otherCustomer = deleteUser("nordic-it", other.customerId(), userId);
        MvcResult absent = deleteUser("nordic-it", testbolag.customerId(), "no-such-user");

        for (MvcResult result : List.of(foreign, otherCustomer, absent)) {
            assertThat(result.getResponse().getStatus()).isEqualTo(404);
            assertThat(code(result)).isEqualTo("NOT_FOUND");
        }
        assertThat(listedIds()).containsExactly(testbolag.administratorId(), userId);
    }

    private String addUser(String username, String email, String password, String role) throws Exception {
        Map<String, Object> request = UserApiIT.newUser(username, email, password);
        request.put("role", role);
        MvcResult result = mvc.perform(post("/api/v1/customers/{id}/users", testbolag.customerId())
                .with(UserApiIT.partner("nordic-it")).contentType("application/json")
                .content(json.writeValueAsString(request))).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        return json.readTree(result.getResponse().getContentAsString()).get("id").asString();
    }

    private MvcResult deleteUser(String partner, String customerId, String userId) throws Exception {
        return mvc.perform(delete("/api/v1/customers/{id}/users/{uid}", customerId, userId)
                .with(UserApiIT.partner(partner))).andReturn();
    }

    private List<String> listedIds() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/customers/{id}/users", testbolag.customerId())
                .with(UserApiIT.partner("nordic-it"))).andReturn();
        JsonNode page = json.readTree(result.getResponse().getContentAsString());
        assertThat(page.get("total").asLong()).isEqualTo(page.get("items").size());
        return page.get("items").findValuesAsString("id");
    }

    private String code(MvcResult result) throws Exception {
        return json.readTree(result.getResponse().getContentAsString()).get("code").asString();
    }

    /** The tombstone leaves once its UserDeleted is confirmed; other ITs count the collection's documents. */
    private void awaitGone(String userId) {
        await("tombstone of " + userId + " removed").atMost(Duration.ofSeconds(30))
                .until(() -> mongo.getCollection(UserStore.COLLECTION).countDocuments(eq("_id", userId)) == 0);
    }
}
