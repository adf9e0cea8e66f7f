package io.provisio.acceptance;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dry run against the real identity and subscription services, through the gateway. */
@ExtendWith(Suite.class)
class DryRunIT {

    private Api nordic;

    @BeforeEach
    void partner() {
        nordic = Api.nordic();
    }

    @Test
    void reportsATakenAdministratorEmailAndAnOverInventoryPlanInOneAnswerWithNothingWritten() {
        ObjectNode first = Onboardings.swedishCustomerWithHostedServices();
        Api.Response started = nordic.post("/api/v1/onboardings", first.toString());
        assertThat(started.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> nordic.get(started.location()).json()
                .get("status").asString(), "COMPLETED"::equals);
        JsonNode inventoryBefore = nordic.get("/api/v1/inventory").json();
        long onboardingsBefore = nordic.get("/api/v1/onboardings?size=1").json().get("total").asLong();

        ObjectNode second = Onboardings.swedishCustomerAskingForMoreLicencesThanInStock();
        String takenEmail = first.get("administrator").get("email").asString();
        ((ObjectNode) second.get("administrator")).put("email", takenEmail);
        ((ObjectNode) ((ArrayNode) second.get("contacts")).get(0)).put("email", takenEmail);
        Api.Response report = nordic.post("/api/v1/onboardings?dryRun=true", second.toString());

        assertThat(report.status()).as(report.text()).isEqualTo(200);
        JsonNode answer = report.json();
        assertThat(answer.get("valid").asBoolean()).isFalse();
        assertThat(answer.get("complete").asBoolean()).as(report.text()).isTrue();
        assertThat(answer.get("problems").findValuesAsString("code"))
                .contains("ADMIN_EMAIL_IN_USE", "INSUFFICIENT_LICENSES");
        assertThat(answer.get("problems").findValuesAsString("field"))
                .contains("administrator.email", "plans[1].units");
        assertThat(nordic.get("/api/v1/inventory").json()).isEqualTo(inventoryBefore);
        assertThat(nordic.get("/api/v1/onboardings?size=1").json().get("total").asLong())
                .isEqualTo(onboardingsBefore);
        assertThat(nordic.get("/api/v1/customers?q=" + second.get("customer").get("accountName").asString())
                .json().get("total").asLong()).isZero();
    }
}
