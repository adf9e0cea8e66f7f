package io.provisio.notification.email.application;

import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.persistence.SagaNotificationStore;
import org.springframework.stereotype.Service;

/**
 * E-mails another feature composes (setup's steps, ADR 023), written as they are for the dispatcher to send: the
 * e-mail feature keeps its store, the other feature its rules (ADR 025).
 */
@Service
public class DueEmails {

    private final SagaNotificationStore store;

    DueEmails(SagaNotificationStore store) {
        this.store = store;
    }

    /** @return false when an e-mail with this id exists already (the step ran before) */
    public boolean writeIfAbsent(Notification email) {
        return store.insertIfAbsent(email);
    }

    /** Whether an address can be written to at all, checked before anything is stored. */
    public static boolean deliverable(String address) {
        return Addresses.isValid(address);
    }
}
