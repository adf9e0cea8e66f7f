package io.provisio.subscription.assignment.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.SagaParticipant;
import io.provisio.subscription.SubscriptionApplication;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.PlanRequest;
import io.provisio.subscription.contracts.ReleasePlans;
import io.provisio.subscription.contracts.SubscriptionChannels;
import io.provisio.subscription.inventory.domain.InventoryItem;
import io.provisio.subscription.inventory.persistence.InventoryStore;
import io.provisio.subscription.testing.Queues;
import io.provisio.subscription.testing.ReplyTap;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of subscription-service (two whole application contexts, each with several
 * consumers) on one queue of the real broker and one store, as two replicas run: 50 onboardings
 * race for 30 units, then all 50 are compensated.
 */
class TwoReplicasAllocationIT {

    private static final String STEP = "ASSIGN_PLANS";

    private static ConfigurableApplicationContext replicaA;
    private static ConfigurableApplicationContext replicaB;

    @BeforeAll
    static void startTwoReplicas() {
        replicaA = replica();
        replicaB = replica();
    }

    @AfterAll
    static void stopReplicas() {
        replicaA.close();
        replicaB.close();
        Queues.deleteAll();
    }

    @Test
    void allocatesExactlyThirtyUnitsWhenFiftyOnboardingsRaceOnTwoReplicasAndReturnsThemAll() {
        MessageCodec codec = replicaA.getBean(MessageCodec.class);
        InventoryStore inventory = replicaB.getBean(InventoryStore.class);
        String partner = "partner-" + UUID.randomUUID();
        inventory.insertIfMissing(partner, "ARCHIVE", 30);
        List<String> sagas = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sagas.add("saga-" + UUID.randomUUID());
        }

        SagaParticipant participant = replicaA.getBean(SagaParticipant.class);
        try (BrokerProbe broker = BrokerProbe.connect()) {
            for (int i = 0; i < 50; i++) {
                broker.publish(SubscriptionChannels.COMMANDS, codec.encode(codec.command("AssignPlans", sagas.get(i),
                        STEP, partner, ReplyTap.REPLIES, null,
                        new AssignPlans("cus-" + i, List.of(new PlanRequest("ARCHIVE", 1, null)), false))));
            }
            // The participant records the outcome and queues its reply in one write: read the outcomes there
            // (a tap's timed receive can drop a message arriving at its timeout, too lossy for 100 replies).
            List<Document> done = await().atMost(Duration.ofSeconds(60)).until(() -> records(participant, sagas),
                    records -> records.stream().allMatch(r -> r != null && "DONE".equals(r.getString("state"))));

            assertThat(done).filteredOn(r -> "SUCCEEDED".equals(r.getString("outcome"))).hasSize(30);
            assertThat(done).filteredOn(r -> "REJECTED".equals(r.getString("outcome"))).hasSize(20)
                    .allSatisfy(r -> assertThat(r.getString("reply")).contains("ARCHIVE: 1 units asked, 0 available"));
            assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 30, 30, 0));

            for (int i = 0; i < 50; i++) {
                broker.publish(SubscriptionChannels.COMMANDS, codec.encode(codec.command("ReleasePlans", sagas.get(i),
                        STEP, partner, ReplyTap.REPLIES, null, new ReleasePlans("cus-" + i))));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> records(participant, sagas),
                    records -> records.stream().allMatch(r -> "COMPENSATED".equals(r.getString("state"))));
        }
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 30, 0, 30));
    }

    private static List<Document> records(SagaParticipant participant, List<String> sagas) {
        return sagas.stream().map(saga -> participant.record(saga, STEP)).toList();
    }

    private static ConfigurableApplicationContext replica() {
        return new SpringApplicationBuilder(SubscriptionApplication.class)
                .initializers(new TestInfrastructureInitializer())
                // Arguments, not default properties: they must win over application.yml's ports.
                .run("--provisio.bootstrap=src/test/resources/test-bootstrap.yml", "--server.port=0",
                        "--management.server.port=0",
                        // Several consumers per replica, so allocations really run side by side.
                        "--spring.cloud.stream.bindings.subscriptionCommands-in-0.consumer.concurrency=4");
    }
}
