package io.provisio.notification.email.messaging;

import io.provisio.notification.email.application.SubscriptionStartedEmails;
import io.provisio.platform.messaging.Envelope;
import io.provisio.subscription.contracts.SubscriptionActivated;
import io.provisio.subscription.contracts.SubscriptionEvent;
import org.springframework.stereotype.Component;

/** {@code subscription-events}: a subscription that started is announced to the customer by e-mail. */
@Component
class SubscriptionEventHandler {

    private final SubscriptionStartedEmails started;

    SubscriptionEventHandler(SubscriptionStartedEmails started) {
        this.started = started;
    }

    void handle(Envelope envelope, SubscriptionEvent event) {
        switch (event) {
            case SubscriptionActivated activated -> started.announce(envelope.partnerId(), activated);
        }
    }
}
