package io.provisio.identity.user.application;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.customer.contracts.Setup;
import io.provisio.identity.IdentityProperties;
import io.provisio.identity.partner.application.PartnerRegistry;
import io.provisio.identity.partner.domain.Partner;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.SetupLink;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.SetupLinkStore;
import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.NotificationMessages;
import io.provisio.notification.contracts.ScheduleSetupEmails;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts a customer's delegated setup once its onboarding completed (ADR 023): issues the setup link (kept as a hash)
 * and, in the same write, asks notification-service for the "Configure now" e-mail, its reminders and escalations
 * ({@code ScheduleSetupEmails}, the only place the token travels). One link per customer: a redelivered
 * {@code OnboardingCompleted} finds it and changes nothing.
 */
@Service
public class SetupLinks {

    private static final Logger log = LoggerFactory.getLogger(SetupLinks.class);

    private final SetupLinkStore links;
    private final OrganizationStore organizations;
    private final PartnerRegistry partners;
    private final MessageCodec codec;
    private final IdentityProperties properties;
    private final Clock clock;

    SetupLinks(SetupLinkStore links, OrganizationStore organizations, PartnerRegistry partners, MessageCodec codec,
               IdentityProperties properties, Clock clock) {
        this.links = links;
        this.organizations = organizations;
        this.partners = partners;
        this.codec = codec;
        this.properties = properties;
        this.clock = clock;
    }

    public void start(String partnerId, OnboardingCompleted completed) {
        Setup setup = completed.setup();
        if (setup == null) {
            return;
        }
        if (completed.customerId() == null) {
            throw new MalformedMessageException("OnboardingCompleted with setup but without a customer id");
        }
        if (links.find(completed.customerId()).isPresent()) {
            return; // a redelivery: the link and its e-mails exist
        }
        Optional<Organization> organization = organizations.find(completed.customerId())
                .filter(o -> o.visibleTo(partnerId));
        if (organization.isEmpty()) {
            log.warn("Customer {} completed its onboarding with setup, but identity holds no organization for it; no"
                    + " setup link", completed.customerId());
            return;
        }
        Instant now = clock.instant();
        // Valid from the start date (or now, if that passed) for the whole cadence and its grace.
        Instant start = setup.startDate() == null ? now
                : setup.startDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        ActivationToken.Issued issued = ActivationToken.issue(start.isAfter(now) ? start : now,
                properties.setupLinkTtl());
        SetupLink link = new SetupLink(completed.customerId(), partnerId, setup.by(), setup.contactEmail(),
                setup.startDate(), completed.services(), issued.stored(), now, null, null);
        if (links.insertIfAbsent(link, List.of(emails(link, organization.get(), issued)))) {
            log.info("Setup link for customer {} issued (by {}, from {}), valid until {}", link.customerId(),
                    setup.by(), setup.startDate(), issued.stored().expiresAt());
        }
    }

    private OutgoingMessage emails(SetupLink link, Organization organization, ActivationToken.Issued issued) {
        Optional<Partner> partner = partners.find(link.partnerId());
        return OutgoingMessage.toConsumer(NotificationChannels.COMMANDS, codec.command(
                NotificationMessages.COMMANDS, null, null, link.partnerId(), null, null,
                new ScheduleSetupEmails(link.customerId(), link.by(), link.contactEmail(), link.startDate(),
                        organization.language() == null ? "en" : organization.language(),
                        organization.companyName(), organization.accountName(),
                        partner.map(Partner::name).orElse(link.partnerId()),
                        partner.map(Partner::notificationEmail).orElse(null), issued.token(),
                        issued.stored().expiresAt())));
    }
}
