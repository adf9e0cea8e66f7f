package io.provisio.subscription.subscriptions.messaging;

import io.provisio.customer.contracts.CustomerEvent;
import io.provisio.customer.contracts.CustomerStatusChanged;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.customer.contracts.OnboardingFailed;
import io.provisio.platform.messaging.Envelope;
import io.provisio.subscription.subscriptions.application.CustomerSuspensions;
import org.springframework.stereotype.Component;

/**
 * {@code customer-events}: a suspension or resume goes to {@link CustomerSuspensions}, with the partner from the
 * envelope; the other customer events are not ours and are acknowledged.
 */
@Component
class CustomerEventsHandler {

    private final CustomerSuspensions suspensions;

    CustomerEventsHandler(CustomerSuspensions suspensions) {
        this.suspensions = suspensions;
    }

    void handle(Envelope envelope, CustomerEvent event) {
        switch (event) {
            case CustomerStatusChanged change -> suspensions.record(envelope.requirePartner(), change);
            case OnboardingCompleted completed -> {
                // Subscriptions started with ASSIGN_PLANS; completion changes nothing here.
            }
            case OnboardingFailed failed -> {
                // The saga's compensation released its units; nothing more to do here.
            }
        }
    }
}
