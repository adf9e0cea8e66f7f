package io.provisio.notification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.devstack.TestNamespace;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.persistence.NotificationQueries;
import io.provisio.subscription.contracts.SubscriptionChannels;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import static com.mongodb.client.model.Filters.eq;

/**
 * The service as it runs, against the real broker and MongoDB, sending to a GreenMail SMTP server
 * this test JVM starts on a free port. Every IT extends it so they share one application context;
 * the context, the namespace's queues and GreenMail go away once all tests of the run are done.
 */
@SpringBootTest(properties = {
        "provisio.notification.dispatch-interval=100ms",
        "provisio.notification.from=Provisio <no-reply@provisio.test>",
        "provisio.webhooks.allow-private-targets=true",
        "provisio.webhooks.dispatch-interval=100ms",
        "provisio.webhooks.timeout=2s"})
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@AutoConfigureMockMvc
@Import(RunningService.TestClockConfiguration.class)
@ExtendWith(RunningService.CleanupAfterRun.class)
public abstract class RunningService {

    public static final String FROM_ADDRESS = "no-reply@provisio.test";

    protected static final GreenMail SMTP = startSmtp();

    private static GreenMail startSmtp() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        return greenMail;
    }

    @Autowired
    private MongoTemplate storedNotificationsMongo;
    @Autowired
    private NotificationQueries storedNotifications;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("spring.mail.username", () -> "");
        registry.add("spring.mail.password", () -> "");
    }

    /** The e-mails GreenMail received with this Message-ID: one, unless something sent twice. */
    protected static List<MimeMessage> receivedWithMessageId(String messageId) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                return messageId.equals(message.getMessageID());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The saga's notifications, whoever owns them: no API lists them by saga, so a test reads them by id. */
    protected List<Notification> notificationsOfSaga(String sagaId) {
        return stored(eq("sagaId", sagaId));
    }

    /** A customer's notifications, whoever owns them, oldest first (the API lists one partner's only). */
    protected List<Notification> notificationsOfCustomer(String customerId) {
        return stored(eq("customerId", customerId));
    }

    private List<Notification> stored(Bson filter) {
        return storedNotificationsMongo.getCollection(NotificationQueries.COLLECTION).find(filter)
                .sort(Sorts.ascending("createdAt", "_id")).projection(Projections.include("_id"))
                .map(document -> storedNotifications.find(document.getString("_id")))
                .into(new ArrayList<>()).stream().flatMap(Optional::stream).toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClockConfiguration {

        /** Replaces the platform's system clock (it backs off when a Clock bean exists). */
        @Bean
        MutableClock testClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }
    }

    /** Registers, once per run, what must be torn down after the last test of every IT class. */
    static final class CleanupAfterRun implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            ConfigurableApplicationContext application =
                    (ConfigurableApplicationContext) SpringExtension.getApplicationContext(context);
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .computeIfAbsent(CleanupAfterRun.class, key -> new Teardown(application), Teardown.class);
        }
    }

    private record Teardown(ConfigurableApplicationContext application) implements AutoCloseable {

        @Override
        public void close() {
            // Stop the consumers first, so nothing re-declares what is deleted next.
            application.close();
            TestNamespace.delete(List.of(NotificationChannels.COMMANDS + ".notification-service",
                            SubscriptionChannels.EVENTS + ".notification-service",
                            IdentityChannels.EVENTS + ".notification-service",
                            CustomerChannels.EVENTS + ".notification-service"),
                    List.of(NotificationChannels.COMMANDS, SubscriptionChannels.EVENTS, IdentityChannels.EVENTS,
                            CustomerChannels.EVENTS, "saga-replies"));
            SMTP.stop();
        }
    }
}
