package io.provisio.notification.email.messaging;

import java.time.Instant;

import io.provisio.customer.contracts.CustomerResumed;
import io.provisio.customer.contracts.CustomerSuspended;
import io.provisio.notification.email.application.SuspensionHolds;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code customer-events}: CustomerSuspended holds the customer's unsent e-mails, CustomerResumed releases them
 * (an activation e-mail whose link expired meanwhile is cancelled instead; identity-service sends a new link).
 * The latest instant wins, as in identity-service: a duplicate or an older event arriving late changes nothing.
 * Other customer events are not this class's.
 */
final class SuspendedCustomerEmails {

    private static final Logger log = LoggerFactory.getLogger(SuspendedCustomerEmails.class);

    private final MessageCodec codec;
    private final SuspensionHolds holds;

    SuspendedCustomerEmails(MessageCodec codec, SuspensionHolds holds) {
        this.codec = codec;
        this.holds = holds;
    }

    void handle(Envelope envelope) {
        if (CustomerSuspended.class.getSimpleName().equals(envelope.type())) {
            CustomerSuspended event = codec.payload(envelope, CustomerSuspended.class);
            apply(envelope, event.customerId(), true, event.suspendedAt());
        } else if (CustomerResumed.class.getSimpleName().equals(envelope.type())) {
            CustomerResumed event = codec.payload(envelope, CustomerResumed.class);
            apply(envelope, event.customerId(), false, event.resumedAt());
        }
    }

    private void apply(Envelope envelope, String customerId, boolean suspended, Instant at) {
        if (envelope.partnerId() == null || customerId == null || at == null) {
            // Without them the record could not be scoped or ordered; the dead-letter queue is where an operator sees it.
            throw new MalformedMessageException(envelope.type() + " without partner, customer id or instant");
        }
        if (holds.record(envelope.partnerId(), customerId, suspended, at)) {
            log.info("Customer {} {} as of {}", customerId, suspended ? "suspended" : "resumed", at);
            // Webhooks (issue 13, section 3) fire here: customer.suspended / customer.resumed, written to the
            // webhook outbox in the same update as the record above, so that exactly the event that changed the
            // record announces it, once, also when this message is redelivered after a crash.
        } else {
            log.info("{} {} of customer {} as of {} changes nothing: a later record is kept, or the customer is"
                    + " unknown here", envelope.type(), envelope.messageId(), customerId, at);
        }
        holds.settle(envelope.partnerId(), customerId);
    }
}
