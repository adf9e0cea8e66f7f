package io.provisio.customer.onboarding.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.provisio.customer.LeaveNoQueues;
import io.provisio.devstack.TestInfrastructureInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.provisio.customer.onboarding.web.OnboardingApiIT.REQUEST;
import static io.provisio.customer.onboarding.web.OnboardingApiIT.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Onboarding batches in customer-service against the real broker. identity-service does not run here, so every
 * started saga waits at CREATE_ADMINISTRATOR: with a window of two, exactly two rows of a batch run and the rest stay
 * queued, which is the pacing this asserts (the window is the tests' configuration; every test context's pacer is
 * another replica on the one test store). Whole sagas through the gateway: acceptance-tests' BulkOnboardingIT.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class OnboardingBatchesIT {

    private static final Duration PACER = Duration.ofSeconds(20);

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    void startsValidRowsAFewAtATimeAndReportsEveryErrorOfTheInvalidOnesPerRow() throws Exception {
        String partner = partnerId();
        String a = name("alfa");
        String b = name("bravo");
        String c = name("charlie");
        String body = "[" + String.join(",", REQUEST.formatted(a), REQUEST.formatted(b),
                // Every mistake of a row at once: an unreadable country, a missing company name, a password.
                REQUEST.formatted(name("delta")).replace("\"SE\"", "\"Sweden\"")
                        .replace("\"companyName\": \"Testbolag Göteborg AB\",", "")
                        .replace("\"email\": \"bengt.testsson@testbolag.se\"",
                                "\"email\": \"bengt.testsson@testbolag.se\", \"password\": \"x\""),
                REQUEST.formatted(c), REQUEST.formatted(a), "42") + "]";

        MvcResult accepted = submit(partner, MediaType.APPLICATION_JSON, body, null);

        assertThat(accepted.getResponse().getStatus()).isEqualTo(202);
        JsonNode batch = json.readTree(accepted.getResponse().getContentAsString());
        assertThat(batch.get("total").asInt()).isEqualTo(6);
        assertThat(batch.get("status").asString()).isEqualTo("RUNNING");
        JsonNode invalid = batch.get("rows").get(2);
        assertThat(invalid.get("status").asString()).isEqualTo("INVALID");
        assertThat(invalid.get("onboardingId").isNull()).isTrue();
        assertThat(invalid.get("errors").findValuesAsString("field")).containsExactly("administrator.password",
                "administrator.password", "customer.address.country", "customer.companyName");
        assertThat(batch.get("rows").get(4).get("errors").get(0).get("message").asString())
                .isEqualTo("repeats row 0 of this batch");
        assertThat(batch.get("rows").get(5).get("errors").get(0).get("message").asString())
                .contains("onboarding request");
        assertThat(batch.get("counts").get("INVALID").asInt()).isEqualTo(3);
        assertThat(batch.get("counts").get("QUEUED").asInt()).isEqualTo(3);

        String location = accepted.getResponse().getHeader("Location");
        JsonNode paced = await().atMost(PACER).until(() -> read(location, partner),
                now -> now.get("counts").get("IN_PROGRESS").asInt() == 2);
        assertThat(paced.get("counts").get("QUEUED").asInt()).as("the window holds the third row back").isEqualTo(1);
        assertThat(paced.get("rows").get(0).get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(paced.get("rows").get(1).get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(paced.get("rows").get(3).get("status").asString()).isEqualTo("QUEUED");
        JsonNode onboarding = read("/api/v1/onboardings/" + paced.get("rows").get(0).get("onboardingId").asString(),
                partner);
        assertThat(onboarding.get("accountName").asString()).isEqualTo(a);
        assertThat(read("/api/v1/onboardings?size=100", partner).get("items").findValuesAsString("accountName"))
                .containsExactlyInAnyOrder(a, b);
    }

    @Test
    void readsCsvFromASpreadsheetAndNamesTheColumnsInItsErrors() throws Exception {
        String partner = partnerId();
        String good = name("ekonomi");
        String csv = "\uFEFFaccountName;companyName;city;country;locale;domains;adminUsername;adminFirstName;"
                + "adminLastName;adminEmail;contact2Kind;contact2Name;contact2Email;plan1Code;plan1Units\n"
                + good + ";Ekonomi AB;Malmö;SE;sv-SE;" + good + ".se " + good + ".com;karin.lund;Karin;Lund;"
                + "karin.lund@ekonomi.se;SITE_ADMIN;Karin Lund;karin.lund@ekonomi.se;;\n"
                + ";;\n"
                + name("fel") + ";Fel AB;Lund;SE;sv-SE;;per;Per;Holm;not-an-address;OTHER;Per Holm;per@fel.se;"
                + "CUSTOMER-PORTAL;many\n";

        MvcResult accepted = submit(partner, BatchBodies.CSV, csv, null);

        assertThat(accepted.getResponse().getStatus()).as(accepted.getResponse().getContentAsString()).isEqualTo(202);
        JsonNode batch = json.readTree(accepted.getResponse().getContentAsString());
        assertThat(batch.get("total").asInt()).as("the blank line is no row").isEqualTo(2);
        assertThat(batch.get("rows").get(0).get("status").asString()).isEqualTo("QUEUED");
        assertThat(batch.get("rows").get(1).get("errors").findValuesAsString("field"))
                .containsExactly("adminEmail", "contacts", "plan1Units");
        JsonNode started = await().atMost(PACER).until(() -> read(accepted.getResponse().getHeader("Location"),
                partner), now -> now.get("rows").get(0).get("onboardingId").isString());
        JsonNode onboarding = read("/api/v1/onboardings/" + started.get("rows").get(0).get("onboardingId").asString(),
                partner);
        assertThat(onboarding.get("accountName").asString()).isEqualTo(good);
    }

    @Test
    void readsTheSetupColumnsAndJudgesThemAsASingleOnboardingsSetup() throws Exception {
        String partner = partnerId();
        String good = name("setup");
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        String csv = "accountName;companyName;city;country;adminUsername;adminFirstName;adminLastName;adminEmail;"
                + "contact1Kind;contact1Name;contact1Email;setupBy;setupContactEmail;setupStartDate\n"
                + good + ";Setup AB;Malmö;SE;karin.lund;Karin;Lund;karin.lund@setup.se;SITE_ADMIN;Karin Lund;"
                + "karin.lund@setup.se;DELEGATE;it@setup.se;" + tomorrow + "\n"
                + name("nosetup") + ";Fel AB;Lund;SE;per;Per;Holm;per@fel.se;SITE_ADMIN;Per Holm;per@fel.se;"
                + "CUSTOMER;;2020-01-01\n";

        MvcResult accepted = submit(partner, BatchBodies.CSV, csv, null);

        assertThat(accepted.getResponse().getStatus()).as(accepted.getResponse().getContentAsString()).isEqualTo(202);
        JsonNode batch = json.readTree(accepted.getResponse().getContentAsString());
        assertThat(batch.get("rows").get(0).get("status").asString()).isEqualTo("QUEUED");
        assertThat(batch.get("rows").get(1).get("errors").findValuesAsString("field"))
                .containsExactly("setupContactEmail", "setupStartDate");
    }

    @Test
    void refusesAnUnreadableBatchAsAWholeAndStoresNothing() throws Exception {
        String partner = partnerId();

        MvcResult header = submit(partner, BatchBodies.CSV,
                "accountName,companyName,city,country,adminUsername,adminEmail,adminPassword,colour\n", null);
        MvcResult tooMany = submit(partner, MediaType.APPLICATION_JSON,
                "[" + String.join(",", java.util.Collections.nCopies(501, "{}")) + "]", null);
        MvcResult notAnArray = submit(partner, MediaType.APPLICATION_JSON, REQUEST.formatted(name("golf")), null);

        assertThat(header.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(header.getResponse().getContentAsString()).get("errors")
                .findValuesAsString("field")).containsExactly("adminPassword", "colour", "adminFirstName",
                "adminLastName");
        assertThat(tooMany.getResponse().getStatus()).isEqualTo(400);
        assertThat(tooMany.getResponse().getContentAsString()).contains("must have 1 to 500 entries");
        assertThat(notAnArray.getResponse().getStatus()).isEqualTo(400);
        assertThat(notAnArray.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(read("/api/v1/onboardings", partner).get("total").asInt()).isZero();
    }

    @Test
    void rejectsARowWhoseAccountNameIsTakenWhenItsTurnComesAndHidesTheBatchFromOtherPartners() throws Exception {
        String partner = partnerId();
        String taken = name("hotel");
        assertThat(mvc.perform(post("/api/v1/onboardings").with(partner(partner))
                .contentType(MediaType.APPLICATION_JSON).content(REQUEST.formatted(taken))).andReturn()
                .getResponse().getStatus()).isEqualTo(202);

        MvcResult accepted = submit(partner, MediaType.APPLICATION_JSON, "[" + REQUEST.formatted(taken) + "]", null);
        String location = accepted.getResponse().getHeader("Location");

        JsonNode done = await().atMost(PACER).until(() -> read(location, partner),
                now -> "DONE".equals(now.get("status").asString()));
        JsonNode row = done.get("rows").get(0);
        assertThat(row.get("status").asString()).isEqualTo("REJECTED");
        assertThat(row.get("errors").get(0).get("field").asString()).isEqualTo("customer.accountName");
        assertThat(row.get("errors").get(0).get("message").asString()).isEqualTo("is already in use");
        assertThat(done.get("finishedAt").isString()).isTrue();
        assertThat(mvc.perform(get(location).with(partner(partnerId()))).andReturn().getResponse().getStatus())
                .isEqualTo(404);
    }

    @Test
    void answersARepeatedSubmissionWithTheSameBatchAndRefusesTheKeyForAnotherBody() throws Exception {
        String partner = partnerId();
        String key = UUID.randomUUID().toString();
        String body = "[" + REQUEST.formatted(name("india")) + "]";

        MvcResult first = submit(partner, MediaType.APPLICATION_JSON, body, key);
        MvcResult again = submit(partner, MediaType.APPLICATION_JSON, body, key);
        MvcResult other = submit(partner, MediaType.APPLICATION_JSON, "[" + REQUEST.formatted(name("juliett")) + "]",
                key);

        assertThat(first.getResponse().getStatus()).isEqualTo(202);
        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat(again.getResponse().getHeader("Location")).isEqualTo(first.getResponse().getHeader("Location"));
        assertThat(other.getResponse().getStatus()).isEqualTo(422);
        assertThat(json.readTree(other.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("IDEMPOTENCY_KEY_REUSED");
        await().atMost(PACER).until(() -> read("/api/v1/onboardings", partner).get("total").asInt() == 1);
    }

    private MvcResult submit(String partner, MediaType type, String body, String key) throws Exception {
        var request = post("/api/v1/onboarding-batches").with(partner(partner)).contentType(type)
                .content(body.getBytes(StandardCharsets.UTF_8));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return mvc.perform(request).andReturn();
    }

    private JsonNode read(String path, String partner) throws Exception {
        return json.readTree(mvc.perform(get(path).with(partner(partner))).andReturn().getResponse()
                .getContentAsString());
    }

    private static String partnerId() {
        return "batch-partner-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String name(String word) {
        return word + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
