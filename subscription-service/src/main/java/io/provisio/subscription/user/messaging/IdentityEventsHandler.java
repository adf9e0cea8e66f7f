package io.provisio.subscription.user.messaging;

import io.provisio.identity.contracts.ActivationLinkRequested;
import io.provisio.identity.contracts.IdentityEvent;
import io.provisio.identity.contracts.UserCreated;
import io.provisio.identity.contracts.UserDeleted;
import io.provisio.platform.messaging.Envelope;
import io.provisio.subscription.user.application.UserServices;
import org.springframework.stereotype.Component;

/**
 * {@code identity-events}: keeps the service's copy of the users. Both events are idempotent by nature
 * (insert-if-missing, tombstone, give back only units still held), so a redelivery or a duplicate has no second
 * effect. Identity events newer than this consumer are acknowledged unread ({@code Decoding.tolerantly}).
 */
@Component
class IdentityEventsHandler {

    private final UserServices users;

    IdentityEventsHandler(UserServices users) {
        this.users = users;
    }

    void handle(Envelope envelope, IdentityEvent event) {
        switch (event) {
            case UserCreated created -> users.created(envelope.requirePartner(), created.customerId(),
                    created.userId(), created.upn());
            case UserDeleted deleted -> users.deleted(envelope.requirePartner(), deleted.customerId(),
                    deleted.userId());
            case ActivationLinkRequested requested -> {
                // The partner's business (notification-service tells them); no unit moves.
            }
        }
    }
}
