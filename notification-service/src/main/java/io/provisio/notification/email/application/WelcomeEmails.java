package io.provisio.notification.email.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.provisio.notification.contracts.ScheduleWelcomeEmail;
import io.provisio.notification.contracts.WelcomeEmailCancelled;
import io.provisio.notification.contracts.WelcomeEmailRejected;
import io.provisio.notification.contracts.WelcomeEmailScheduled;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.SagaNotificationStore;
import io.provisio.notification.profile.CustomerProfile;
import io.provisio.notification.profile.CustomerProfileStore;
import io.provisio.platform.participant.StepResult;
import org.springframework.stereotype.Service;

import static io.provisio.notification.contracts.NotificationMessages.REPLIES;

/**
 * SCHEDULE_WELCOME_EMAIL. The action stores the WELCOME e-mail, and the ACTIVATION e-mail when identity
 * issued a token, both HELD at the requested {@code sendAt} until the onboarding completes
 * ({@link CompletedOnboardings} then schedules them; the dispatcher sends them when due); it also
 * records the customer's profile and hands the administrator to e-mails that waited for one. Everything
 * is keyed by the saga, so a redelivered command finds its own documents. The compensation cancels
 * whatever of the onboarding is not sent yet. Duplicates, tombstones and the reply's outbox are the
 * {@code SagaParticipant}'s job, around these methods.
 */
@Service
public class WelcomeEmails {

    private final SagaNotificationStore store;
    private final CustomerProfileStore profiles;
    private final Clock clock;

    WelcomeEmails(SagaNotificationStore store, CustomerProfileStore profiles, Clock clock) {
        this.store = store;
        this.profiles = profiles;
        this.clock = clock;
    }

    public StepResult schedule(String sagaId, String partnerId, ScheduleWelcomeEmail command) {
        if (!Addresses.isValid(command.to())) {
            return StepResult.rejected(REPLIES,
                    new WelcomeEmailRejected("INVALID_RECIPIENT", "the welcome e-mail has no valid recipient address"));
        }
        Instant now = clock.instant();
        Instant sendAt = command.sendAt() == null ? now : command.sendAt();
        Language language = Language.choose(command.language(), null);
        profiles.saveFromWelcome(new CustomerProfile(command.customerId(), partnerId, command.to(),
                command.recipientName(), language.code(), command.companyName(), command.partnerName()), now);

        List<String> ids = new ArrayList<>();
        Notification welcome = Notification.scheduled(Notification.idFor(sagaId, Template.WELCOME),
                partnerId, command.customerId(), sagaId, Template.WELCOME, command.to(),
                language, welcomeModel(command), sendAt, now).withStatus(NotificationStatus.HELD);
        // false: a redelivery after a crash; what the first delivery stored stands.
        store.insertIfAbsent(welcome);
        ids.add(welcome.id());
        if (command.activationRequired() && command.activationToken() != null) {
            Notification activation = Notification.scheduled(
                    Notification.idFor(sagaId, Template.ACTIVATION), partnerId,
                    command.customerId(), sagaId, Template.ACTIVATION, command.to(), language,
                    activationModel(command), sendAt, now).withStatus(NotificationStatus.HELD)
                    // The administrator's user id, so identity's UserDeleted can cancel the e-mail while it waits.
                    .withActivation(command.administratorUserId(), command.activationToken());
            store.insertIfAbsent(activation);
            ids.add(activation.id());
        }
        store.releaseWaiting(partnerId, command.customerId(), command.to(), language, recipientModel(command), sendAt, now);
        // The reply names the e-mails only; the token never leaves with it.
        return StepResult.succeeded(REPLIES, new WelcomeEmailScheduled(command.customerId(), ids));
    }

    /** Compensates SCHEDULE_WELCOME_EMAIL, and undoes a scheduling the compensation overtook; idempotent. */
    public void cancelUnsent(String sagaId, String partnerId, String customerId) {
        store.cancelUnsent(partnerId, sagaId, customerId, clock.instant());
    }

    /**
     * The compensation's reply, counted after the undo over the whole onboarding: a compensation retried after a
     * crash mid-way reports the same number.
     */
    public WelcomeEmailCancelled cancelled(String sagaId, String partnerId, String customerId) {
        return new WelcomeEmailCancelled(customerId, Math.toIntExact(store.countCancelled(partnerId, sagaId,
                customerId)));
    }

    private static Map<String, Object> recipientModel(ScheduleWelcomeEmail command) {
        Map<String, Object> model = new LinkedHashMap<>();
        put(model, "recipientName", command.recipientName());
        put(model, "companyName", command.companyName());
        put(model, "partnerName", command.partnerName());
        return model;
    }

    private static Map<String, Object> welcomeModel(ScheduleWelcomeEmail command) {
        Map<String, Object> model = recipientModel(command);
        put(model, "accountName", command.accountName());
        put(model, "upn", command.upn());
        model.put("activationRequired", command.activationRequired());
        return model;
    }

    private static Map<String, Object> activationModel(ScheduleWelcomeEmail command) {
        Map<String, Object> model = recipientModel(command);
        put(model, "upn", command.upn());
        put(model, "expiresAt", command.activationExpiresAt() == null ? null : command.activationExpiresAt().toString());
        return model;
    }

    /** Puts a value the templates show only when present. */
    public static void put(Map<String, Object> model, String key, Object value) {
        if (value != null) {
            model.put(key, value);
        }
    }

    /**
     * Whether the customer's WELCOME e-mail is still HELD for its onboarding, which may then still be rolled back
     * (webhooks hold what they announce of it meanwhile).
     */
    public boolean heldForOnboarding(String partnerId, String customerId) {
        return store.heldWelcomeSaga(partnerId, customerId).isPresent();
    }
}
