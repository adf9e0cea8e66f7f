package io.provisio.notification.setup.application;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.RecordSetupEscalation;
import io.provisio.notification.contracts.EndSetupEmails;
import io.provisio.notification.contracts.ScheduleSetupEmails;
import io.provisio.notification.setup.domain.SetupCadence;
import io.provisio.notification.setup.domain.SetupStage;
import io.provisio.notification.setup.domain.SetupTimer;
import io.provisio.notification.setup.persistence.SetupTimerStore;
import io.provisio.notification.webhook.application.Webhooks;
import io.provisio.notification.webhook.domain.WebhookEventType;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A customer's setup timer (ADR 023): started by identity's {@code ScheduleSetupEmails}, one step run at a time by
 * {@link SetupTimerWorker} under a lease, stopped when setup completes. Every step's effects are idempotent (the
 * e-mail's and the webhook deliveries' ids derive from the customer and the step), so a step run twice after a crash
 * sends nothing twice.
 */
@Service
public class SetupTimers {

    private static final Logger log = LoggerFactory.getLogger(SetupTimers.class);

    private final SetupTimerStore timers;
    private final SetupEmails emails;
    private final Webhooks webhooks;
    private final SetupCadence cadence;
    private final MessageCodec codec;
    private final Clock clock;

    SetupTimers(SetupTimerStore timers, SetupEmails emails, Webhooks webhooks, SetupProperties properties,
                MessageCodec codec, Clock clock) {
        this.codec = codec;
        this.timers = timers;
        this.emails = emails;
        this.webhooks = webhooks;
        this.cadence = properties.cadence();
        this.clock = clock;
    }

    /** Starts the timer: step 0 ("Configure now") falls due at the start date, or now if that has passed. */
    public void start(String partnerId, ScheduleSetupEmails command) {
        if (partnerId == null || command.customerId() == null || command.setupToken() == null) {
            throw new MalformedMessageException("ScheduleSetupEmails without partner, customer or token");
        }
        Instant now = clock.instant();
        Instant startDate = command.startDate() == null ? now
                : command.startDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant start = startDate.isAfter(now) ? startDate : now;
        // PARTNER may name no contact: the partner configures, so its own address gets "Configure now".
        String to = command.contactEmail() != null ? command.contactEmail() : command.partnerEmail();
        SetupTimer timer = new SetupTimer(command.customerId(), partnerId, command.by(), to, command.partnerEmail(),
                command.language(), SetupEmails.model(command.companyName(), command.accountName(),
                command.partnerName(), command.startDate() == null ? null : command.startDate().toString(),
                command.expiresAt()), command.setupToken(), start, 0, start, null);
        if (timers.insertIfAbsent(timer)) {
            log.info("Setup of customer {} (by {}): timer started, Configure now due {}", timer.customerId(),
                    timer.by(), start);
        }
    }

    /** Runs the claimed timer's due step and moves it on; false when the claim was lost meanwhile. */
    boolean runStep(SetupTimer timer, String owner) {
        Instant now = clock.instant();
        SetupStage stage = cadence.stage(timer.step());
        emails.write(timer, timer.step(), stage, now);
        Instant escalatedAt = null;
        if (stage.escalates()) {
            escalatedAt = timer.dueAt();
            announceEscalation(timer, stage);
        }
        int next = cadence.next(timer.step(), timer.start(), now);
        List<OutgoingMessage> messages = escalatedAt == null ? List.of() : List.of(OutgoingMessage.toConsumer(
                CustomerChannels.COMMANDS, codec.command(CustomerMessages.COMMANDS, null, null, timer.partnerId(),
                        null, null, new RecordSetupEscalation(timer.customerId(), escalatedAt,
                                stage == SetupStage.FINAL_ESCALATION))));
        return timers.advance(timer, owner, next, next < 0 ? null : cadence.dueAt(next, timer.start()), escalatedAt,
                messages);
    }

    /**
     * Setup completed (identity's {@code EndSetupEmails}): the timer stops and {@code setup.completed} is announced.
     * A repeat finds the timer completed and announces nothing twice (the deliveries' ids derive from the message).
     */
    public void completed(String partnerId, String messageId, EndSetupEmails end) {
        String customerId = end.customerId();
        Instant completedAt = end.completedAt();
        if (partnerId == null || messageId == null || customerId == null || completedAt == null) {
            throw new MalformedMessageException("EndSetupEmails without partner, message id, customer or instant");
        }
        Optional<SetupTimer> stopped = timers.complete(partnerId, customerId, completedAt);
        stopped.ifPresent(t -> log.info("Setup of customer {} completed; its timer stopped at step {}", customerId,
                t.step()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customerId", customerId);
        data.put("completedAt", completedAt.toString());
        data.put("subdomain", end.subdomain());
        webhooks.announce(partnerId, messageId, WebhookEventType.SETUP_COMPLETED, completedAt, data);
    }

    private void announceEscalation(SetupTimer timer, SetupStage stage) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customerId", timer.customerId());
        data.put("by", timer.by());
        data.put("startDate", timer.model().get("startDate"));
        data.put("escalatedAt", timer.dueAt().toString());
        data.put("final", stage == SetupStage.FINAL_ESCALATION);
        webhooks.announce(timer.partnerId(), "setup-escalated/" + timer.customerId() + "/" + timer.step(),
                WebhookEventType.SETUP_ESCALATED, timer.dueAt(), data);
    }
}
