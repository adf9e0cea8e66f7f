package io.provisio.customer.onboarding.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import io.provisio.customer.LeaveNoQueues;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.OutboxStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The saga gauges' counts (provisio_saga_in_flight, provisio_saga_stuck), read on every scrape: they count only
 * sagas in flight, by their status, deadline and unanswered commands, on a database of their own so no other
 * test's sagas move the figures.
 */
@SpringBootTest
@AutoConfigureMockMvc // not used here: it lets this class share the other ITs' application context
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class SagaGaugeCountsIT {

    private final String database = "gauges-it-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    MongoClient client;
    @Autowired
    OutboxStore outbox;
    @Autowired
    MessageCodec codec;
    @Autowired
    JsonMapper json;

    @AfterEach
    void dropDatabase() {
        client.getDatabase(database).drop();
    }

    @Test
    void countsInFlightAndStuckSagasOnlyAmongThoseInFlight() {
        MongoTemplate mongo = new MongoTemplate(client, database);
        MongoOnboardingRepository onboardings = new MongoOnboardingRepository(mongo, outbox, codec, json);
        Instant now = Instant.now();
        var collection = mongo.getCollection(MongoOnboardingRepository.COLLECTION);
        collection.insertMany(List.of(
                onboarding("IN_PROGRESS", now.minus(Duration.ofMinutes(5)), "RUNNING", 1),  // overdue
                onboarding("IN_PROGRESS", now.plus(Duration.ofMinutes(10)), "RUNNING", 5),  // sent 5 times
                onboarding("COMPENSATING", now.plus(Duration.ofMinutes(10)), "COMPENSATING", 4), // sent 4 times
                onboarding("IN_PROGRESS", now.plus(Duration.ofMinutes(10)), "RUNNING", 1),  // fine
                onboarding("COMPLETED", null, "SUCCEEDED", 9),
                onboarding("FAILED", null, "COMPENSATED", 7)));

        assertThat(onboardings.countInFlight()).isEqualTo(4);
        assertThat(onboardings.countStuck(now.minus(Duration.ofMinutes(1)), 4)).isEqualTo(3);
        // A saga that is both overdue and unanswered counts once.
        collection.insertOne(onboarding("IN_PROGRESS", now.minus(Duration.ofMinutes(5)), "RUNNING", 6));
        assertThat(onboardings.countStuck(now.minus(Duration.ofMinutes(1)), 4)).isEqualTo(4);
    }

    private static Document onboarding(String status, Instant deadline, String stepStatus, int attempts) {
        return new Document("_id", "onb-" + UUID.randomUUID()).append("partnerId", "p1").append("status", status)
                .append("deadline", deadline == null ? null : Date.from(deadline))
                .append("steps", List.of(new Document("step", "CREATE_ADMINISTRATOR").append("status", stepStatus)
                        .append("attempts", attempts)));
    }
}
