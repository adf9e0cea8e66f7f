package io.provisio.notification.email.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.provisio.identity.contracts.ActivationLinkRequested;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.NotificationStore;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity's {@code ActivationLinkRequested}: a person whose activation link expired asked for a new one, and only
 * the partner can send it ({@code POST /api/v1/customers/{id}/users/{uid}/activation}). An ACTIVATION_REQUESTED
 * e-mail to the partner's notification address, due now, in English (the partner's language is not known). The
 * e-mail id derives from the envelope's message id, so a redelivery finds the e-mail it created. A partner without a
 * notification address gets no e-mail (logged); identity announces one request per link, so nothing repeats.
 */
final class ActivationRequestEmails {

    static final String TYPE = "ActivationLinkRequested";

    private static final Logger log = LoggerFactory.getLogger(ActivationRequestEmails.class);

    private final MessageCodec codec;
    private final NotificationStore store;
    private final Clock clock;

    ActivationRequestEmails(MessageCodec codec, NotificationStore store, Clock clock) {
        this.codec = codec;
        this.store = store;
        this.clock = clock;
    }

    void handle(Envelope envelope) {
        if (!TYPE.equals(envelope.type())) {
            return;
        }
        ActivationLinkRequested event = codec.payload(envelope, ActivationLinkRequested.class);
        if (envelope.partnerId() == null || event.customerId() == null || event.userId() == null) {
            throw new MalformedMessageException("ActivationLinkRequested without partner, customer or user id");
        }
        // Webhooks (issue 13, section 3) fire here: activation.requested, with data {customerId, userId}, written to
        // the webhook outbox in the same write as the e-mail below (or on its own when the partner has no address),
        // so that each request announces itself once, also when this message is redelivered after a crash.
        if (!Addresses.isValid(event.partnerEmail())) {
            log.warn("User {} of customer {} asked for a new activation link; partner {} has no notification e-mail"
                    + " address, so nobody is e-mailed", event.userId(), event.customerId(), envelope.partnerId());
            return;
        }
        Instant now = clock.instant();
        Notification request = Notification.scheduled(Notification.idOf("activation-requested/"
                        + envelope.messageId()), envelope.partnerId(), event.customerId(), null,
                Template.ACTIVATION_REQUESTED, event.partnerEmail(), Language.EN, model(event), now, now);
        if (store.insertIfAbsent(request)) {
            log.info("E-mail {} tells partner {} that user {} of customer {} needs a new activation link",
                    request.id(), envelope.partnerId(), event.userId(), event.customerId());
        }
    }

    private static Map<String, Object> model(ActivationLinkRequested event) {
        Map<String, Object> model = new LinkedHashMap<>();
        WelcomeEmailStep.put(model, "partnerName", event.partnerName());
        WelcomeEmailStep.put(model, "companyName", event.companyName());
        WelcomeEmailStep.put(model, "recipientName", event.displayName());
        WelcomeEmailStep.put(model, "upn", event.upn());
        WelcomeEmailStep.put(model, "customerId", event.customerId());
        WelcomeEmailStep.put(model, "userId", event.userId());
        WelcomeEmailStep.put(model, "expiresAt", event.linkExpiredAt() == null ? null : event.linkExpiredAt().toString());
        return model;
    }
}
