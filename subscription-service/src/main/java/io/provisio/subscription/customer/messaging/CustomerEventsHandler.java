package io.provisio.subscription.customer.messaging;

import java.time.Instant;

import io.provisio.customer.contracts.CustomerResumed;
import io.provisio.customer.contracts.CustomerSuspended;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.subscription.customer.application.CustomerSuspensions;
import org.springframework.stereotype.Component;

/**
 * Hands CustomerSuspended / CustomerResumed to {@link CustomerSuspensions}; the partner comes from the envelope.
 * Other customer events (OnboardingCompleted, ...) are not ours and are acknowledged.
 */
@Component
class CustomerEventsHandler {

    private final MessageCodec codec;
    private final CustomerSuspensions suspensions;

    CustomerEventsHandler(MessageCodec codec, CustomerSuspensions suspensions) {
        this.codec = codec;
        this.suspensions = suspensions;
    }

    void handle(Envelope event) {
        if (CustomerSuspended.class.getSimpleName().equals(event.type())) {
            CustomerSuspended suspended = codec.payload(event, CustomerSuspended.class);
            record(event, suspended.customerId(), true, suspended.suspendedAt());
        } else if (CustomerResumed.class.getSimpleName().equals(event.type())) {
            CustomerResumed resumed = codec.payload(event, CustomerResumed.class);
            record(event, resumed.customerId(), false, resumed.resumedAt());
        }
    }

    private void record(Envelope event, String customerId, boolean suspended, Instant at) {
        if (event.partnerId() == null || event.partnerId().isBlank() || customerId == null || at == null) {
            throw new MalformedMessageException(event.type() + " " + event.messageId()
                    + " lacks customerId, its instant or the partner");
        }
        suspensions.record(event.partnerId(), customerId, suspended, at);
    }
}
