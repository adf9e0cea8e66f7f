package io.provisio.notification.messaging;

import io.provisio.customer.contracts.CustomerEvent;
import io.provisio.customer.contracts.CustomerStatusChanged;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.customer.contracts.OnboardingFailed;
import io.provisio.notification.email.application.CompletedOnboardings;
import io.provisio.notification.email.application.SuspensionHolds;
import io.provisio.notification.webhook.application.WebhookEvents;
import io.provisio.platform.messaging.Envelope;
import org.springframework.stereotype.Component;

/**
 * {@code customer-events}: a completed onboarding releases the e-mails it held ({@link CompletedOnboardings}); a
 * suspension holds the customer's unsent e-mails and a resume releases them ({@link SuspensionHolds}); each is
 * announced to the partner's webhooks ({@link WebhookEvents}).
 */
@Component
class CustomerEventHandler {

    private final CompletedOnboardings completed;
    private final SuspensionHolds holds;
    private final WebhookEvents webhooks;

    CustomerEventHandler(CompletedOnboardings completed, SuspensionHolds holds, WebhookEvents webhooks) {
        this.completed = completed;
        this.holds = holds;
        this.webhooks = webhooks;
    }

    void handle(Envelope envelope, CustomerEvent event) {
        switch (event) {
            case OnboardingCompleted onboarding -> {
                completed.releaseHeld(envelope.partnerId(), onboarding);
                webhooks.onboardingCompleted(envelope.partnerId(), envelope.messageId(), onboarding);
            }
            case OnboardingFailed failed ->
                    // Its e-mails were cancelled by the compensation; only the partner's webhooks hear of it.
                    webhooks.onboardingFailed(envelope.partnerId(), envelope.messageId(), failed);
            case CustomerStatusChanged change -> {
                if (holds.apply(envelope.requirePartner(), change)) {
                    webhooks.customerStatusChanged(envelope.partnerId(), envelope.messageId(), change);
                }
            }
        }
    }
}
