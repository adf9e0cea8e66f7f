package io.provisio.notification.messaging;

import io.provisio.identity.contracts.ActivationLinkRequested;
import io.provisio.identity.contracts.IdentityEvent;
import io.provisio.identity.contracts.UserCreated;
import io.provisio.identity.contracts.UserDeleted;
import io.provisio.notification.email.application.ActivationRequestEmails;
import io.provisio.notification.email.application.DeletedUserEmails;
import io.provisio.notification.webhook.application.WebhookEvents;
import io.provisio.platform.messaging.Envelope;
import org.springframework.stereotype.Component;

/**
 * {@code identity-events}: a deleted user's unsent activation e-mails are cancelled ({@link DeletedUserEmails}); a
 * request for a new activation link is e-mailed to the partner ({@link ActivationRequestEmails}) and announced to its
 * webhooks ({@code activation.requested}).
 */
@Component
class IdentityEventHandler {

    private final DeletedUserEmails deletedUsers;
    private final ActivationRequestEmails activationRequests;
    private final WebhookEvents webhooks;

    IdentityEventHandler(DeletedUserEmails deletedUsers, ActivationRequestEmails activationRequests,
                         WebhookEvents webhooks) {
        this.deletedUsers = deletedUsers;
        this.activationRequests = activationRequests;
        this.webhooks = webhooks;
    }

    void handle(Envelope envelope, IdentityEvent event) {
        switch (event) {
            case UserDeleted deleted -> deletedUsers.cancelActivations(envelope.partnerId(), deleted);
            case ActivationLinkRequested requested -> {
                activationRequests.tellPartner(envelope.partnerId(), envelope.messageId(), requested);
                webhooks.activationRequested(envelope.partnerId(), envelope.messageId(), requested);
            }
            case UserCreated created -> {
                // A new user has nothing to be sent here; its activation e-mail is identity's request.
            }
        }
    }
}
