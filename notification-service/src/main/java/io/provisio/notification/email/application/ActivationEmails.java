package io.provisio.notification.email.application;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.provisio.notification.contracts.ScheduleActivationEmail;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.ActivationLinkStore;
import io.provisio.notification.email.persistence.NotificationQueries;
import io.provisio.notification.email.persistence.SagaNotificationStore;
import io.provisio.notification.profile.CustomerProfile;
import io.provisio.notification.profile.CustomerProfileStore;
import io.provisio.platform.messaging.MalformedMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Identity's {@code ScheduleActivationEmail}, outside any saga: an ACTIVATION e-mail due now. The e-mail id
 * derives from the request's message id, so a redelivery finds the e-mail it created; earlier unsent
 * activation e-mails to the same user are cancelled, their links died with the new token.
 */
@Service
public class ActivationEmails {

    private static final Logger log = LoggerFactory.getLogger(ActivationEmails.class);

    private final SagaNotificationStore store;
    private final NotificationQueries queries;
    private final ActivationLinkStore links;
    private final CustomerProfileStore profiles;
    private final Clock clock;

    ActivationEmails(SagaNotificationStore store, NotificationQueries queries, ActivationLinkStore links,
                     CustomerProfileStore profiles, Clock clock) {
        this.store = store;
        this.queries = queries;
        this.links = links;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** @param messageId the request's message id: the e-mail's id derives from it */
    public void schedule(String messageId, String partnerId, ScheduleActivationEmail command) {
        if (partnerId == null || command.customerId() == null || !Addresses.isValid(command.to())
                || command.activationToken() == null || command.activationToken().isBlank()) {
            // Nobody to answer: the dead-letter queue is where an operator sees it.
            throw new MalformedMessageException("ScheduleActivationEmail without partner, customer, valid recipient"
                    + " or token");
        }
        Instant now = clock.instant();
        Optional<CustomerProfile> profile = profiles.find(partnerId, command.customerId());
        Language language = Language.choose(command.language(), profile.map(CustomerProfile::language).orElse(null));
        profiles.saveIfAbsent(new CustomerProfile(command.customerId(), partnerId, null, null,
                language.code(), command.companyName(), command.partnerName()), now);

        Notification activation = Notification.scheduled(Notification.idOf("activation/" + messageId),
                partnerId, command.customerId(), null, Template.ACTIVATION, command.to(), language,
                model(command, profile), now, now).withActivation(command.userId(), command.activationToken());
        if (!store.insertIfAbsent(activation)) {
            // A redelivery: cancel relative to the stored e-mail's creation, never a newer link's e-mail.
            activation = queries.find(activation.id()).orElse(activation);
        }
        long superseded = links.cancelOlderActivations(activation, now);
        log.info("Activation e-mail {} for user {} scheduled; {} older one(s) cancelled", activation.id(),
                command.userId(), superseded);
    }

    private static Map<String, Object> model(ScheduleActivationEmail command, Optional<CustomerProfile> profile) {
        Map<String, Object> model = new LinkedHashMap<>();
        WelcomeEmails.put(model, "recipientName", command.recipientName());
        WelcomeEmails.put(model, "companyName", command.companyName() != null ? command.companyName()
                : profile.map(CustomerProfile::companyName).orElse(null));
        WelcomeEmails.put(model, "partnerName", command.partnerName() != null ? command.partnerName()
                : profile.map(CustomerProfile::partnerName).orElse(null));
        WelcomeEmails.put(model, "upn", command.upn());
        WelcomeEmails.put(model, "expiresAt", command.expiresAt() == null ? null : command.expiresAt().toString());
        return model;
    }
}
