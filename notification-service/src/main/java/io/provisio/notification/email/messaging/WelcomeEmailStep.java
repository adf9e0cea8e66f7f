package io.provisio.notification.email.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.provisio.notification.contracts.CancelWelcomeEmail;
import io.provisio.notification.contracts.ScheduleWelcomeEmail;
import io.provisio.notification.contracts.WelcomeEmailRejected;
import io.provisio.notification.contracts.WelcomeEmailCancelled;
import io.provisio.notification.contracts.WelcomeEmailScheduled;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.NotificationStore;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.SagaParticipant;
import io.provisio.platform.participant.StepResult;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * SCHEDULE_WELCOME_EMAIL. The action only stores the e-mail (the dispatcher sends it when due),
 * keyed by the saga, so a redelivered command finds its own document; the compensation cancels
 * whatever of the saga is not sent yet.
 */
final class WelcomeEmailStep {

    static final String SCHEDULED = "WelcomeEmailScheduled";
    static final String REJECTED = "WelcomeEmailRejected";
    static final String CANCELLED = "WelcomeEmailCancelled";

    private final SagaParticipant participant;
    private final MessageCodec codec;
    private final NotificationStore store;
    private final Clock clock;

    WelcomeEmailStep(SagaParticipant participant, MessageCodec codec, NotificationStore store, Clock clock) {
        this.participant = participant;
        this.codec = codec;
        this.store = store;
        this.clock = clock;
    }

    void handle(Envelope envelope) {
        switch (envelope.type()) {
            case "ScheduleWelcomeEmail" -> schedule(envelope, codec.payload(envelope, ScheduleWelcomeEmail.class));
            case "CancelWelcomeEmail" -> cancel(envelope, codec.payload(envelope, CancelWelcomeEmail.class));
            default -> throw new MalformedMessageException("notification-service does not handle " + envelope.type());
        }
    }

    private void schedule(Envelope envelope, ScheduleWelcomeEmail command) {
        participant.act(envelope, () -> store(envelope, command), () -> store.cancelScheduled(envelope.sagaId(),
                clock.instant()));
    }

    private StepResult store(Envelope envelope, ScheduleWelcomeEmail command) {
        if (!isAddress(command.to())) {
            return new StepResult.Rejected(REJECTED,
                    new WelcomeEmailRejected("INVALID_RECIPIENT", "the welcome e-mail has no valid recipient address"));
        }
        Instant now = clock.instant();
        Notification notification = Notification.scheduled(
                Notification.idFor(envelope.sagaId(), Template.WELCOME),
                envelope.partnerId(), command.customerId(), envelope.sagaId(), Template.WELCOME, command.to(),
                Language.of(command.language()), model(command),
                command.sendAt() == null ? now : command.sendAt(), now);
        // false: a redelivery after a crash; what the first delivery stored stands.
        store.insertIfAbsent(notification);
        return new StepResult.Succeeded(SCHEDULED,
                new WelcomeEmailScheduled(command.customerId(), List.of(notification.id())));
    }

    private void cancel(Envelope envelope, CancelWelcomeEmail command) {
        // Counted after the undo, over the whole saga: a compensation retried after a crash mid-way
        // reports the same number.
        participant.compensate(envelope, () -> store.cancelScheduled(envelope.sagaId(), clock.instant()),
                CANCELLED, () -> new WelcomeEmailCancelled(command.customerId(),
                        Math.toIntExact(store.countCancelled(envelope.sagaId()))));
    }

    private static Map<String, Object> model(ScheduleWelcomeEmail command) {
        Map<String, Object> model = new LinkedHashMap<>();
        put(model, "recipientName", command.recipientName());
        put(model, "companyName", command.companyName());
        put(model, "accountName", command.accountName());
        model.put("activationRequired", command.activationRequired());
        return model;
    }

    private static void put(Map<String, Object> model, String key, Object value) {
        if (value != null) {
            model.put(key, value);
        }
    }

    private static boolean isAddress(String to) {
        if (to == null || to.isBlank()) {
            return false;
        }
        try {
            new InternetAddress(to, true);
            return true;
        } catch (AddressException e) {
            return false;
        }
    }
}
