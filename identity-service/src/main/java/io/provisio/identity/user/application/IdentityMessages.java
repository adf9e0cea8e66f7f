package io.provisio.identity.user.application;

import java.time.Instant;

import io.provisio.identity.contracts.ActivationLinkRequested;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.contracts.UserCreated;
import io.provisio.identity.contracts.UserDeleted;
import io.provisio.identity.partner.application.PartnerRegistry;
import io.provisio.identity.partner.domain.Partner;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.User;
import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.NotificationMessages;
import io.provisio.notification.contracts.ScheduleActivationEmail;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.OutgoingMessage;
import org.springframework.stereotype.Component;

import static io.provisio.identity.contracts.IdentityMessages.EVENTS;

/**
 * The messages identity writes into its outboxes, built in one place so every path sends the same; named by the
 * contracts' registries (ADR 020).
 */
@Component
public class IdentityMessages {

    private final MessageCodec codec;
    private final PartnerRegistry partners;

    IdentityMessages(MessageCodec codec, PartnerRegistry partners) {
        this.codec = codec;
        this.partners = partners;
    }

    public OutgoingMessage userCreated(User user) {
        return OutgoingMessage.toSubscribers(IdentityChannels.EVENTS, codec.event(EVENTS, user.partnerId(), null,
                new UserCreated(user.customerId(), user.id(), user.upn(), user.email(), user.role().name())));
    }

    public OutgoingMessage userDeleted(User user) {
        return OutgoingMessage.toSubscribers(IdentityChannels.EVENTS, codec.event(EVENTS, user.partnerId(), null,
                new UserDeleted(user.customerId(), user.id())));
    }

    /**
     * Asks notification-service, outside any saga, to send the link now. The token travels only in this
     * message, which leaves the outbox once the broker confirmed it.
     */
    public OutgoingMessage activationEmail(User user, Organization organization, ActivationToken.Issued issued) {
        String partnerName = partners.find(user.partnerId()).map(Partner::name).orElse(user.partnerId());
        String language = organization.language() == null ? "en" : organization.language();
        return OutgoingMessage.toConsumer(NotificationChannels.COMMANDS, codec.command(
                NotificationMessages.COMMANDS, null, null, user.partnerId(), null, null,
                new ScheduleActivationEmail(user.customerId(), user.id(), user.email(), user.displayName(), language,
                        partnerName, organization.companyName(), user.upn(), issued.token(),
                        issued.stored().expiresAt())));
    }

    /** The holder of an expired link asked for a new one: the partner is told (ActivationLinkRequested). */
    public OutgoingMessage activationLinkRequested(User user, Organization organization, Instant linkExpiredAt,
                                                   Instant requestedAt) {
        Partner partner = partners.find(user.partnerId()).orElse(null);
        return OutgoingMessage.toSubscribers(IdentityChannels.EVENTS, codec.event(EVENTS, user.partnerId(), null,
                new ActivationLinkRequested(user.customerId(), user.id(), user.upn(), user.displayName(),
                        organization == null ? null : organization.companyName(),
                        partner == null ? user.partnerId() : partner.name(),
                        partner == null ? null : partner.notificationEmail(), linkExpiredAt, requestedAt)));
    }
}
