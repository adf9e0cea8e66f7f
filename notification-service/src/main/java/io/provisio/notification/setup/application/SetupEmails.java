package io.provisio.notification.setup.application;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.provisio.notification.email.application.DueEmails;
import io.provisio.notification.email.application.WelcomeEmails;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.setup.domain.SetupStage;
import io.provisio.notification.setup.domain.SetupTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The e-mails of a setup's steps (ADR 023), written as due now for the dispatcher to send: "Configure now" and the
 * reminders to the contact with the setup link, the escalations to the partner's notification address without it.
 * Each e-mail's id derives from the customer and the step, so a step run again (its replica died before the timer
 * moved on) finds the e-mail it wrote.
 */
@Service
public class SetupEmails {

    private static final Logger log = LoggerFactory.getLogger(SetupEmails.class);

    private final DueEmails emails;

    SetupEmails(DueEmails emails) {
        this.emails = emails;
    }

    /** @param step the cadence step that fell due; @return whether this call wrote the e-mail */
    public boolean write(SetupTimer timer, int step, SetupStage stage, Instant now) {
        Notification email = switch (stage) {
            case CONFIGURE_NOW, REMINDER -> toContact(timer, step, stage, now);
            case ESCALATION, FINAL_ESCALATION -> toPartner(timer, step, stage, now);
        };
        if (email == null) {
            return false;
        }
        boolean written = emails.writeIfAbsent(email);
        if (written) {
            log.info("Setup of customer {}: {} e-mail {} written", timer.customerId(), stage, email.id());
        }
        return written;
    }

    private Notification toContact(SetupTimer timer, int step, SetupStage stage, Instant now) {
        if (!DueEmails.deliverable(timer.to()) || timer.token() == null) {
            log.warn("Setup of customer {}: no valid contact address or no link, so no {} e-mail", timer.customerId(),
                    stage);
            return null;
        }
        boolean reminder = stage == SetupStage.REMINDER;
        Map<String, Object> model = new LinkedHashMap<>(timer.model());
        model.put("reminder", reminder);
        return Notification.scheduled(id(timer, step), timer.partnerId(), timer.customerId(), null,
                reminder ? Template.SETUP_REMINDER : Template.SETUP_CONFIGURE_NOW, timer.to(),
                Language.choose(timer.language(), null), model, now, now)
                .withActivation(null, timer.token());
    }

    private Notification toPartner(SetupTimer timer, int step, SetupStage stage, Instant now) {
        if (!DueEmails.deliverable(timer.partnerEmail())) {
            log.warn("Setup of customer {} is not done; partner {} has no notification e-mail address, so only its"
                    + " webhooks are told", timer.customerId(), timer.partnerId());
            return null;
        }
        Map<String, Object> model = new LinkedHashMap<>(timer.model());
        model.put("customerId", timer.customerId());
        model.put("finalEscalation", stage == SetupStage.FINAL_ESCALATION);
        WelcomeEmails.put(model, "contactEmail", timer.to());
        return Notification.scheduled(id(timer, step), timer.partnerId(), timer.customerId(), null,
                Template.SETUP_ESCALATED, timer.partnerEmail(), Language.EN, model, now, now);
    }

    /** The values every setup e-mail shows, without absent ones. */
    public static Map<String, Object> model(String companyName, String accountName, String partnerName,
                                            String startDate, Instant expiresAt) {
        Map<String, Object> model = new LinkedHashMap<>();
        WelcomeEmails.put(model, "companyName", companyName);
        WelcomeEmails.put(model, "accountName", accountName);
        WelcomeEmails.put(model, "partnerName", partnerName);
        WelcomeEmails.put(model, "startDate", startDate);
        WelcomeEmails.put(model, "expiresAt", expiresAt == null ? null : expiresAt.toString());
        return model;
    }

    private static String id(SetupTimer timer, int step) {
        return Notification.idOf("setup/" + timer.customerId() + "/" + step);
    }
}
