package io.provisio.subscription.user.messaging;

import io.provisio.identity.contracts.UserCreated;
import io.provisio.identity.contracts.UserDeleted;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.subscription.user.application.UserServices;
import org.springframework.stereotype.Component;

/**
 * Keeps the service's copy of the users. Both events are idempotent by nature (insert-if-missing,
 * tombstone, give back only units still held), so a redelivery or a duplicate has no second effect.
 * Other identity events are not ours and are acknowledged.
 */
@Component
class IdentityEventsHandler {

    private final MessageCodec codec;
    private final UserServices users;

    IdentityEventsHandler(MessageCodec codec, UserServices users) {
        this.codec = codec;
        this.users = users;
    }

    void handle(Envelope event) {
        switch (event.type()) {
            case "UserCreated" -> {
                UserCreated created = codec.payload(event, UserCreated.class);
                users.created(partnerOf(event), created.customerId(), created.userId(), created.upn());
            }
            case "UserDeleted" -> {
                UserDeleted deleted = codec.payload(event, UserDeleted.class);
                users.deleted(partnerOf(event), deleted.customerId(), deleted.userId());
            }
            default -> {
                // A new kind of identity event: not needed here.
            }
        }
    }

    private static String partnerOf(Envelope event) {
        if (event.partnerId() == null || event.partnerId().isBlank()) {
            throw new MalformedMessageException(event.type() + " without partner id");
        }
        return event.partnerId();
    }
}
