package io.provisio.notification.email.messaging;

import io.provisio.customer.contracts.CustomerEvent;
import io.provisio.customer.contracts.CustomerStatusChanged;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.notification.email.application.CompletedOnboardings;
import io.provisio.notification.email.application.SuspensionHolds;
import io.provisio.platform.messaging.Envelope;
import org.springframework.stereotype.Component;

/**
 * {@code customer-events}: a completed onboarding releases the e-mails it held ({@link CompletedOnboardings}); a
 * suspension holds the customer's unsent e-mails and a resume releases them ({@link SuspensionHolds}).
 */
@Component
class CustomerEventHandler {

    private final CompletedOnboardings completed;
    private final SuspensionHolds holds;

    CustomerEventHandler(CompletedOnboardings completed, SuspensionHolds holds) {
        this.completed = completed;
        this.holds = holds;
    }

    void handle(Envelope envelope, CustomerEvent event) {
        switch (event) {
            case OnboardingCompleted onboarding -> completed.releaseHeld(envelope.partnerId(), onboarding);
            case CustomerStatusChanged change -> holds.apply(envelope.requirePartner(), change);
        }
    }
}
