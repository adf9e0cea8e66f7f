package io.provisio.identity.user.messaging;

import io.provisio.customer.contracts.CustomerEvent;
import io.provisio.customer.contracts.CustomerStatusChanged;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.customer.contracts.OnboardingFailed;
import io.provisio.identity.user.application.CustomerSuspensions;
import io.provisio.platform.messaging.Envelope;
import org.springframework.stereotype.Component;

/**
 * {@code customer-events}: a suspension or resume goes to {@link CustomerSuspensions}; the other customer events
 * are not identity's. Decoding (and the check that the event names a customer and an instant) happened through
 * the contracts' registry before this.
 */
@Component
class CustomerEventHandler {

    private final CustomerSuspensions suspensions;

    CustomerEventHandler(CustomerSuspensions suspensions) {
        this.suspensions = suspensions;
    }

    void handle(Envelope envelope, CustomerEvent event) {
        switch (event) {
            case CustomerStatusChanged change -> suspensions.record(envelope.requirePartner(), change);
            case OnboardingCompleted completed -> {
                // Identity's part ended with the administrator it created.
            }
            case OnboardingFailed failed -> {
                // The saga's compensation deleted whatever identity created for it.
            }
        }
    }
}
