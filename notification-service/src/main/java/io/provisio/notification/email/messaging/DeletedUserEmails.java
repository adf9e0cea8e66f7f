package io.provisio.notification.email.messaging;

import java.time.Clock;

import io.provisio.identity.contracts.UserDeleted;
import io.provisio.notification.email.persistence.NotificationStore;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity's {@code UserDeleted}: the user's unsent ACTIVATION e-mails are cancelled and their tokens erased,
 * as their links lead to an account that no longer exists. One conditional update that only matches unsent
 * e-mails, so a redelivered event changes nothing. Other events on {@code identity-events} are not ours.
 */
final class DeletedUserEmails {

    private static final Logger log = LoggerFactory.getLogger(DeletedUserEmails.class);

    private final MessageCodec codec;
    private final NotificationStore store;
    private final Clock clock;

    DeletedUserEmails(MessageCodec codec, NotificationStore store, Clock clock) {
        this.codec = codec;
        this.store = store;
        this.clock = clock;
    }

    void handle(Envelope envelope) {
        if (!"UserDeleted".equals(envelope.type())) {
            // UserCreated and whatever identity announces next: nothing to send or cancel.
            return;
        }
        UserDeleted event = codec.payload(envelope, UserDeleted.class);
        if (envelope.partnerId() == null || event.customerId() == null || event.userId() == null) {
            // Without them the update could not be scoped; the dead-letter queue is where an operator sees it.
            throw new MalformedMessageException("UserDeleted without partner, customer or user id");
        }
        long cancelled = store.cancelActivationsOfDeletedUser(envelope.partnerId(), event.customerId(),
                event.userId(), clock.instant());
        log.info("User {} of customer {} deleted; {} unsent activation e-mail(s) cancelled", event.userId(),
                event.customerId(), cancelled);
    }
}
