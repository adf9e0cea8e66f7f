package io.provisio.notification.email.application;

import java.time.Clock;

import io.provisio.identity.contracts.UserDeleted;
import io.provisio.notification.email.persistence.ActivationLinkStore;
import io.provisio.platform.messaging.MalformedMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Identity's {@code UserDeleted}: the user's unsent ACTIVATION e-mails are cancelled and their tokens erased,
 * as their links lead to an account that no longer exists. One conditional update that only matches unsent
 * e-mails, so a redelivered event changes nothing.
 */
@Service
public class DeletedUserEmails {

    private static final Logger log = LoggerFactory.getLogger(DeletedUserEmails.class);

    private final ActivationLinkStore store;
    private final Clock clock;

    DeletedUserEmails(ActivationLinkStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void cancelActivations(String partnerId, UserDeleted event) {
        if (partnerId == null || event.customerId() == null || event.userId() == null) {
            // Without them the update could not be scoped; the dead-letter queue is where an operator sees it.
            throw new MalformedMessageException("UserDeleted without partner, customer or user id");
        }
        long cancelled = store.cancelActivationsOfDeletedUser(partnerId, event.customerId(),
                event.userId(), clock.instant());
        log.info("User {} of customer {} deleted; {} unsent activation e-mail(s) cancelled", event.userId(),
                event.customerId(), cancelled);
    }
}
