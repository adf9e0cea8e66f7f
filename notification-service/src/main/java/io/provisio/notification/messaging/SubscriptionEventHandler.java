package io.provisio.notification.messaging;

import io.provisio.notification.email.application.SubscriptionStartedEmails;
import io.provisio.notification.webhook.application.WebhookEvents;
import io.provisio.platform.messaging.Envelope;
import io.provisio.subscription.contracts.SubscriptionActivated;
import io.provisio.subscription.contracts.SubscriptionEvent;
import org.springframework.stereotype.Component;

/** {@code subscription-events}: a subscription that started is announced to the customer by e-mail and to the partner's
 * webhooks ({@code subscription.started}). */
@Component
class SubscriptionEventHandler {

    private final SubscriptionStartedEmails started;
    private final WebhookEvents webhooks;

    SubscriptionEventHandler(SubscriptionStartedEmails started, WebhookEvents webhooks) {
        this.started = started;
        this.webhooks = webhooks;
    }

    void handle(Envelope envelope, SubscriptionEvent event) {
        switch (event) {
            case SubscriptionActivated activated -> {
                started.announce(envelope.partnerId(), activated);
                webhooks.subscriptionStarted(envelope.partnerId(), envelope.messageId(), activated);
            }
        }
    }
}
