package io.provisio.identity.user.messaging;

import io.provisio.customer.contracts.CustomerEvent;
import io.provisio.customer.contracts.CustomerStatusChanged;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.customer.contracts.OnboardingFailed;
import io.provisio.identity.user.application.CustomerSuspensions;
import io.provisio.identity.user.application.SetupLinks;
import io.provisio.platform.messaging.Envelope;
import org.springframework.stereotype.Component;

/**
 * {@code customer-events}: a suspension or resume goes to {@link CustomerSuspensions}, a completed onboarding with
 * delegated setup to {@link SetupLinks}; the other customer events are not identity's. Decoding (and the check that
 * the event names a customer and an instant) happened through the contracts' registry before this.
 */
@Component
class CustomerEventHandler {

    private final CustomerSuspensions suspensions;
    private final SetupLinks setupLinks;

    CustomerEventHandler(CustomerSuspensions suspensions, SetupLinks setupLinks) {
        this.suspensions = suspensions;
        this.setupLinks = setupLinks;
    }

    void handle(Envelope envelope, CustomerEvent event) {
        switch (event) {
            case CustomerStatusChanged change -> suspensions.record(envelope.requirePartner(), change);
            // Identity's part of the onboarding ended with the administrator; a delegated setup starts now.
            case OnboardingCompleted completed -> setupLinks.start(envelope.requirePartner(), completed);
            case OnboardingFailed failed -> {
                // The saga's compensation deleted whatever identity created for it.
            }
        }
    }
}
