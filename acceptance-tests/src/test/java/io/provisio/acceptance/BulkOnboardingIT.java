package io.provisio.acceptance;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Onboarding batches through the gateway, with every service running: each valid row becomes a saga of its own
 * and ends as a single onboarding would; an invalid row gets the very errors the single onboarding's 400 gives. The
 * sub-domain check ({@code GET /api/v1/subdomains/{name}}) is asserted here too, on a customer a batch created.
 */
@ExtendWith(Suite.class)
class BulkOnboardingIT {

    private static final Duration BATCH = Duration.ofSeconds(120);

    @Test
    void runsEveryValidRowOfAJsonBatchAsItsOwnSagaAndReportsTheInvalidOnesWithTheSingleOnboardingsErrors() {
        Api nordic = Api.nordic();
        ObjectNode first = Onboardings.swedishCustomerWithHostedServices();
        ObjectNode tooMany = Onboardings.swedishCustomerAskingForMoreLicencesThanInStock();
        ObjectNode last = Onboardings.swedishCustomerWithHostedServices();
        ArrayNode rows = Api.JSON.createArrayNode().add(first).add(Onboardings.dutchRequestFullOfMistakes())
                .add(tooMany).add(last);

        Api.Response accepted = nordic.post("/api/v1/onboarding-batches", rows.toString(), "application/json",
                UUID.randomUUID().toString());

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.location()).startsWith("/api/v1/onboarding-batches/bat-");
        JsonNode dutch = accepted.json().get("rows").get(1);
        assertThat(dutch.get("status").asString()).isEqualTo("INVALID");
        Api.Response single = nordic.post("/api/v1/onboardings", Onboardings.dutchRequestFullOfMistakes().toString());
        assertThat(single.status()).isEqualTo(400);
        assertThat(dutch.get("errors")).isEqualTo(single.json().get("errors"));

        JsonNode done = await("batch DONE").atMost(BATCH).until(() -> nordic.get(accepted.location()).json(),
                batch -> "DONE".equals(batch.get("status").asString()));
        assertThat(done.get("rows").findValuesAsString("status"))
                .containsExactly("COMPLETED", "INVALID", "FAILED", "COMPLETED");
        assertThat(done.get("counts").get("COMPLETED").asInt()).isEqualTo(2);
        for (int i : List.of(0, 2, 3)) {
            JsonNode row = done.get("rows").get(i);
            JsonNode onboarding = nordic.get("/api/v1/onboardings/" + row.get("onboardingId").asString()).json();
            assertThat(onboarding.get("accountName").asString()).isEqualTo(rows.get(i).get("customer")
                    .get("accountName").asString());
            assertThat(onboarding.get("status").asString()).isEqualTo(row.get("status").asString());
        }
        JsonNode failed = nordic.get("/api/v1/onboardings/" + done.get("rows").get(2).get("onboardingId").asString())
                .json();
        assertThat(failed.get("failure").get("step").asString()).isEqualTo("ASSIGN_PLANS");
        assertThat(Api.alpina().get(accepted.location()).status()).isEqualTo(404);
    }

    @Test
    void onboardsTheRowsOfACsvFileSavedBySpreadsheetWithSemicolons() {
        Api nordic = Api.nordic();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String csv = "accountName;companyName;street;postalCode;city;country;locale;businessType;adminUsername;"
                + "adminFirstName;adminLastName;adminEmail;contact1Kind;contact1Name;contact1Email;plan1Code;"
                + "plan1Units\n"
                + "kafferosteriet-" + suffix + ";Kafferosteriet i Lund AB;Klostergatan 5;222 22;Lund;SE;sv-SE;RETAIL;"
                + "lena.ek;Lena;Ek;lena.ek+" + suffix + "@kafferosteriet.se;SITE_ADMIN;Lena Ek;"
                + "lena.ek+" + suffix + "@kafferosteriet.se;CUSTOMER-PORTAL;1\n"
                + "bakkerij-" + suffix + ";Bakkerij Jansen B.V.;Oudegracht 1;3511 AA;Utrecht;NL;nl-NL;RETAIL;"
                + "joost.jansen;Joost;Jansen;joost+" + suffix + "@bakkerij-jansen.nl;SITE_ADMIN;Joost Jansen;"
                + "joost+" + suffix + "@bakkerij-jansen.nl;CUSTOMER-PORTAL;1\n";

        Api.Response accepted = nordic.post("/api/v1/onboarding-batches", csv, "text/csv; charset=UTF-8", null);

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        JsonNode done = await("batch DONE").atMost(BATCH).until(() -> nordic.get(accepted.location()).json(),
                batch -> "DONE".equals(batch.get("status").asString()));
        assertThat(done.get("rows").findValuesAsString("status")).containsExactly("COMPLETED", "COMPLETED");
        String customerId = nordic.get("/api/v1/onboardings/" + done.get("rows").get(1).get("onboardingId")
                .asString()).json().get("customerId").asString();
        JsonNode customer = nordic.get("/api/v1/customers/" + customerId).json();
        assertThat(customer.get("companyName").asString()).isEqualTo("Bakkerij Jansen B.V.");
        assertThat(customer.get("locale").asString()).isEqualTo("nl-NL");
        // Its sub-domain is the platform's, so another partner is told it is taken, and offered free variants.
        JsonNode subdomain = Api.alpina().get("/api/v1/subdomains/bakkerij-" + suffix).json();
        assertThat(subdomain.get("available").asBoolean()).isFalse();
        assertThat(subdomain.get("suggestions").get(0).asString()).isEqualTo("bakkerij-" + suffix + "-2");
    }
}
