package io.provisio.notification.email.application;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.provisio.identity.contracts.ActivationLinkRequested;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.SagaNotificationStore;
import io.provisio.platform.messaging.MalformedMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Identity's {@code ActivationLinkRequested}: a person whose activation link expired asked for a new one, and only
 * the partner can send it ({@code POST /api/v1/customers/{id}/users/{uid}/activation}). An ACTIVATION_REQUESTED
 * e-mail to the partner's notification address, due now, in English (the partner's language is not known). The
 * e-mail id derives from the message id, so a redelivery finds the e-mail it created. A partner without a
 * notification address gets no e-mail (logged); identity announces one request per link, so nothing repeats.
 */
@Service
public class ActivationRequestEmails {

    private static final Logger log = LoggerFactory.getLogger(ActivationRequestEmails.class);

    private final SagaNotificationStore store;
    private final Clock clock;

    ActivationRequestEmails(SagaNotificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @param messageId the event's message id: the e-mail's id derives from it */
    public void tellPartner(String partnerId, String messageId, ActivationLinkRequested event) {
        if (partnerId == null || event.customerId() == null || event.userId() == null) {
            throw new MalformedMessageException("ActivationLinkRequested without partner, customer or user id");
        }
        if (!Addresses.isValid(event.partnerEmail())) {
            log.warn("User {} of customer {} asked for a new activation link; partner {} has no notification e-mail"
                    + " address, so nobody is e-mailed", event.userId(), event.customerId(), partnerId);
            return;
        }
        Instant now = clock.instant();
        Notification request = Notification.scheduled(Notification.idOf("activation-requested/" + messageId),
                partnerId, event.customerId(), null, Template.ACTIVATION_REQUESTED, event.partnerEmail(), Language.EN,
                model(event), now, now);
        if (store.insertIfAbsent(request)) {
            log.info("E-mail {} tells partner {} that user {} of customer {} needs a new activation link",
                    request.id(), partnerId, event.userId(), event.customerId());
        }
    }

    private static Map<String, Object> model(ActivationLinkRequested event) {
        Map<String, Object> model = new LinkedHashMap<>();
        WelcomeEmails.put(model, "partnerName", event.partnerName());
        WelcomeEmails.put(model, "companyName", event.companyName());
        WelcomeEmails.put(model, "recipientName", event.displayName());
        WelcomeEmails.put(model, "upn", event.upn());
        WelcomeEmails.put(model, "customerId", event.customerId());
        WelcomeEmails.put(model, "userId", event.userId());
        WelcomeEmails.put(model, "expiresAt", event.linkExpiredAt() == null ? null : event.linkExpiredAt().toString());
        return model;
    }
}
