package io.provisio.notification.email.application;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.SagaNotificationStore;
import io.provisio.notification.profile.CustomerProfile;
import io.provisio.notification.profile.CustomerProfileStore;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.subscription.contracts.SubscriptionActivated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reacts to {@code SubscriptionActivated} with a SUBSCRIPTION_STARTED e-mail to the customer's administrator,
 * in the customer's language. One e-mail per subscription: its id derives from the subscription id, so a
 * redelivered event finds it. A subscription that starts during the onboarding may be announced before the
 * welcome step told us the administrator; its e-mail then waits for the recipient (WAITING_FOR_RECIPIENT)
 * and the welcome step releases it, not before the welcome e-mail. Until the onboarding completed (its welcome
 * e-mail is HELD) the e-mail is held with it: a customer whose onboarding is rolled back gets no e-mail at all.
 */
@Service
public class SubscriptionStartedEmails {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionStartedEmails.class);

    private final SagaNotificationStore store;
    private final CustomerProfileStore profiles;
    private final Clock clock;

    SubscriptionStartedEmails(SagaNotificationStore store, CustomerProfileStore profiles, Clock clock) {
        this.store = store;
        this.profiles = profiles;
        this.clock = clock;
    }

    public void announce(String partnerId, SubscriptionActivated event) {
        if (partnerId == null || event.customerId() == null || event.subscriptionId() == null) {
            throw new MalformedMessageException("SubscriptionActivated without partner, customer or subscription id");
        }
        Instant now = clock.instant();
        String id = Notification.idOf("subscription-started/" + event.subscriptionId());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("planCode", event.planCode());
        model.put("units", event.units());
        WelcomeEmails.put(model, "startDate", event.startDate() == null ? null : event.startDate().toString());

        Optional<CustomerProfile> profile = profiles.find(partnerId, event.customerId())
                .filter(p -> p.administratorEmail() != null);
        Notification email;
        Optional<String> heldFor = Optional.empty();
        if (profile.isPresent()) {
            CustomerProfile known = profile.get();
            WelcomeEmails.put(model, "recipientName", known.administratorName());
            WelcomeEmails.put(model, "companyName", known.companyName());
            WelcomeEmails.put(model, "partnerName", known.partnerName());
            Instant sendAt = store.unsentWelcomeSendAt(partnerId, event.customerId()).filter(now::isBefore).orElse(now);
            heldFor = store.heldWelcomeSaga(partnerId, event.customerId());
            email = Notification.scheduled(id, partnerId, event.customerId(), heldFor.orElse(null),
                    Template.SUBSCRIPTION_STARTED, known.administratorEmail(), Language.choose(known.language(), null),
                    model, sendAt, now);
            if (heldFor.isPresent()) {
                email = email.withStatus(NotificationStatus.HELD);
            }
        } else {
            email = Notification.scheduled(id, partnerId, event.customerId(), null,
                    Template.SUBSCRIPTION_STARTED, null, Language.EN, model, now, now)
                    .withStatus(NotificationStatus.WAITING_FOR_RECIPIENT);
        }
        if (!store.insertIfAbsent(email)) {
            return;
        }
        if (heldFor.isPresent()) {
            store.releaseIfCompletedMeanwhile(partnerId, event.customerId(), heldFor.get(), now);
        }
        if (profile.isEmpty()) {
            log.info("SUBSCRIPTION_STARTED e-mail {} waits for customer {}'s administrator", id, event.customerId());
            // The welcome step may have released waiting e-mails between our look-up and our insert.
            profiles.find(partnerId, event.customerId()).filter(p -> p.administratorEmail() != null)
                    .ifPresent(known -> store.releaseWaiting(partnerId, event.customerId(), known.administratorEmail(),
                            Language.choose(known.language(), null), recipient(known), now, now));
        }
    }

    private static Map<String, Object> recipient(CustomerProfile profile) {
        Map<String, Object> model = new LinkedHashMap<>();
        WelcomeEmails.put(model, "recipientName", profile.administratorName());
        WelcomeEmails.put(model, "companyName", profile.companyName());
        WelcomeEmails.put(model, "partnerName", profile.partnerName());
        return model;
    }
}
