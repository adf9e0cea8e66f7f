package io.provisio.acceptance;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's dead letters through the gateway, with the running services: one list of every service's
 * dead-letter queues, a queue's messages read at the service that owns it, and a redrive there.
 */
@ExtendWith(Suite.class)
class DeadLettersIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** identity-service's copy of customer-service's events. */
    private static final String DLQ = TestNamespace.current() + "customer-events.identity-service.dlq";

    @Test
    void operatorListsReadsAndRedrivesAServicesDeadLettersThroughTheGateway() {
        Api operator = Api.operator();
        String poison = "{\"not\":\"an envelope\",\"id\":\"" + UUID.randomUUID() + "\"}";
        try (BrokerProbe broker = BrokerProbe.connect()) {
            broker.publish("customer-events", poison);
        }

        await().atMost(WAIT).until(() -> messagesIn(operator, DLQ) == 1);
        JsonNode all = operator.get("/api/v1/operator/dead-letters?size=200").json();
        assertThat(all.get("unavailable")).isEmpty();
        List<String> services = all.get("items").valueStream().map(q -> q.get("service").asString()).distinct().toList();
        assertThat(services).containsExactlyInAnyOrder("customer-service", "identity-service", "subscription-service",
                "notification-service");

        Api.Response letters = operator.get("/api/v1/operator/dead-letters/" + DLQ);
        assertThat(letters.status()).isEqualTo(200);
        JsonNode letter = letters.json().get("items").get(0);
        assertThat(letter.get("malformed").asBoolean()).isTrue();
        assertThat(letter.get("reason").asString()).contains("not an envelope");
        assertThat(letter.get("deadLetterCount").asInt()).isEqualTo(1);

        // Still poison after the redrive: back in the DLQ at once, counted twice.
        Api.Response redriven = operator.post("/api/v1/operator/dead-letters/" + DLQ + "/redrive", "{}");
        assertThat(redriven.status()).as(redriven.text()).isEqualTo(200);
        assertThat(redriven.json().get("redriven").asInt()).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(operator.get("/api/v1/operator/dead-letters/" + DLQ)
                .json().get("items").get(0).get("deadLetterCount").asInt()).isEqualTo(2));
    }

    @Test
    void aPartnerWithoutTheOperatorScopeSeesNoDeadLetters() {
        Api nordic = Api.nordic();

        Api.Response list = nordic.get("/api/v1/operator/dead-letters");
        Api.Response queue = nordic.get("/api/v1/operator/dead-letters/" + DLQ);

        assertThat(list.status()).isEqualTo(403);
        assertThat(list.json().get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(queue.status()).isEqualTo(403);
    }

    private static long messagesIn(Api operator, String dlq) {
        JsonNode all = operator.get("/api/v1/operator/dead-letters?size=200").json();
        return all.get("items").valueStream().filter(q -> q.get("name").asString().equals(dlq))
                .mapToLong(q -> q.get("messages").asLong()).findFirst().orElse(-1);
    }
}
