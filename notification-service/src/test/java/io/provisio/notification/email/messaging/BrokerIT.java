package io.provisio.notification.messaging;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.devstack.BrokerProbe;
import io.provisio.notification.MutableClock;
import io.provisio.notification.RunningService;
import io.provisio.notification.email.persistence.NotificationQueries;
import io.provisio.platform.messaging.MessageCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The running service with a hand on the real broker: a probe for the class, and a fresh tap on
 * {@code saga-replies} for each test, to publish commands and events and read the replies.
 */
abstract class BrokerIT extends RunningService {

    static BrokerProbe broker;

    @Autowired
    MessageCodec codec;
    @Autowired
    NotificationQueries store;
    @Autowired
    MutableClock clock;

    String replies;

    @BeforeAll
    static void connect() {
        broker = BrokerProbe.connect();
    }

    @AfterAll
    static void disconnect() {
        broker.close();
    }

    @BeforeEach
    void tapReplies() {
        replies = broker.tap("saga-replies");
    }

    /** What customer-service announces when an onboarding of partner p1 completed: its held e-mails may go. */
    void complete(String sagaId, String customerId) {
        broker.publish(CustomerChannels.EVENTS, codec.encode(codec.event("OnboardingCompleted", "p1", null,
                new OnboardingCompleted(sagaId, customerId, clock.instant()))));
    }
}
