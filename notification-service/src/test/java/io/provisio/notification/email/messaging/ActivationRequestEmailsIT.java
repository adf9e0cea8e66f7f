package io.provisio.notification.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.provisio.identity.contracts.ActivationLinkRequested;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import io.provisio.platform.messaging.Envelope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Identity's ActivationLinkRequested over the real broker: one e-mail to the partner's notification address. */
class ActivationRequestEmailsIT extends BrokerIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Test
    void emailsThePartnerOnceWhenAnAdministratorAsksForANewLink() {
        String customerId = "cus-" + UUID.randomUUID();
        String userId = "usr-" + UUID.randomUUID();
        Envelope requested = codec.event("ActivationLinkRequested", "p1", null, new ActivationLinkRequested(
                customerId, userId, "bengt.testsson@testbolag.se", "Bengt Testsson", "Testbolag Göteborg AB",
                "Nordic IT Partner AB", "support@nordic-it.example", Instant.parse("2027-06-03T08:00:00Z"),
                Instant.parse("2027-06-04T09:30:00Z")));

        broker.publish(IdentityChannels.EVENTS, codec.encode(requested));
        broker.publish(IdentityChannels.EVENTS, codec.encode(requested));

        String id = Notification.idOf("activation-requested/" + requested.messageId());
        await().atMost(DELIVERY).until(() -> store.find(id).isPresent());
        Notification email = store.find(id).orElseThrow();
        assertThat(email.template()).isEqualTo(Template.ACTIVATION_REQUESTED);
        assertThat(email.to()).isEqualTo("support@nordic-it.example");
        assertThat(email.language()).isEqualTo(Language.EN);
        assertThat(email.customerId()).isEqualTo(customerId);
        assertThat(email.model()).containsEntry("userId", userId).containsEntry("upn", "bengt.testsson@testbolag.se");
        assertThat(email.activationToken()).isNull();
    }
}
