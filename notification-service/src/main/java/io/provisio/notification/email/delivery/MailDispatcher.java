package io.provisio.notification.email.delivery;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.notification.email.application.SuspensionHolds;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.RetryPolicy;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.DispatchClaims;
import io.provisio.platform.messaging.retry.FailureClassifier;
import io.provisio.platform.time.PeriodicWorker;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends due e-mails. Every replica runs one, on {@code dispatch-workers} threads; they share the work through
 * MongoDB alone: each round claims one due e-mail at a time with an atomic find-and-modify and a lease, sends it,
 * and records the outcome only while it still owns the claim. Nothing is held in memory, so a
 * restart or a crash loses nothing: a dead replica's claim expires and another replica sends it,
 * and a replica that was down finds everything that fell due meanwhile on its first round.
 *
 * <p>SMTP itself is at least once: a replica that dies after the server accepted an e-mail but
 * before it recorded SENT leaves it to be sent again. Every attempt carries the same Message-ID
 * (the notification id) so mail systems, and operators, can recognise the repeat.
 */
final class MailDispatcher extends PeriodicWorker {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final Duration MAX_RECORD_WAIT = Duration.ofSeconds(5);

    private final DispatchClaims store;
    private final SuspensionHolds holds;
    private final MailRenderer renderer;
    private final JavaMailSender sender;
    private final SmtpClient smtp;
    private final DeliveryProperties properties;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String owner = "dispatcher-" + UUID.randomUUID();

    MailDispatcher(DispatchClaims store, SuspensionHolds holds, MailRenderer renderer, JavaMailSender sender,
                   DeliveryProperties properties, Clock clock, MeterRegistry meters) {
        // Starts last and stops first: the mail session, MongoDB and a local SMTP sink outlive it.
        // Several workers, each claiming one e-mail at a time as a replica would: one sent ~3-4 a second while the
        // benchmark created ~11 (docs/PERFORMANCE.md, run 19); a send mostly waits for the store and the relay.
        super("mail-dispatcher", properties.dispatchInterval(), Integer.MAX_VALUE - 200, properties.dispatchWorkers());
        this.store = store;
        this.holds = holds;
        this.renderer = renderer;
        this.sender = sender;
        this.smtp = new SmtpClient(sender, properties.smtp(), meters);
        this.properties = properties;
        this.retryPolicy = new RetryPolicy(properties.maxAttempts(), properties.retryBackoff(),
                properties.retryBackoffMax());
        this.clock = clock;
        this.meters = meters;
        // Every series from the start, at zero: rate() and alerts see "nothing failed yet" instead of nothing.
        for (Template template : Template.values()) {
            for (String outcome : List.of("provisio.email.sent", "provisio.email.failed", "provisio.email.retried")) {
                meters.counter(outcome, "template", template.name());
            }
        }
        // Read from the collection at scrape time: every replica reports the same, true value, also
        // while its own dispatcher is stuck or stopped.
        Gauge.builder("provisio.email.schedule.lag", store, this::lagSeconds).baseUnit("seconds")
                .description("Now minus the sendAt of the oldest due, unsent e-mail; 0 when none is due")
                .strongReference(true).register(meters);
    }

    /**
     * Sends due e-mails one by one until none is due, the SMTP circuit is open, or the dispatcher stops.
     *
     * @return how many e-mails this call handled (sent, failed, retried, deferred or held)
     */
    int dispatchDue() {
        int handled = 0;
        while (active() && !smtp.circuitOpen()) {
            Optional<Notification> claimed = store.claimNextDue(clock.instant(), properties.lease(), owner);
            if (claimed.isEmpty()) {
                return handled;
            }
            // Whatever path scheduled it, a suspended customer's e-mail is held here instead of sent.
            if (!holds.holdIfSuspended(claimed.get(), owner)) {
                deliver(claimed.get());
            }
            handled++;
        }
        return handled;
    }

    private double lagSeconds(DispatchClaims notifications) {
        Instant now = clock.instant();
        return notifications.oldestDue(now).map(sendAt -> Math.max(0, Duration.between(sendAt, now).toSeconds()))
                .orElse(0L);
    }

    private void deliver(Notification notification) {
        MDC.put("notificationId", notification.id());
        if (notification.sagaId() != null) {
            MDC.put("sagaId", notification.sagaId());
        }
        try {
            MimeMessage message;
            try {
                message = build(notification);
            } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                failed(notification, SmtpClient.classify(e));
                return;
            }
            Optional<SmtpFailure> failure = smtp.send(message, notification.template());
            if (failure.isPresent()) {
                failed(notification, failure.get());
                return;
            }
            // If this write is lost (the process dies right now) the claim expires and the e-mail goes out again:
            // at least once, never lost. A store that is away for a moment is waited for instead.
            if (recordSent(notification)) {
                meters.counter("provisio.email.sent", "template", notification.template().name()).increment();
                log.info("Sent {} e-mail {}", notification.template(), notification.id());
            } else {
                log.warn("Sent e-mail {} after its claim had expired; another replica may send it again",
                        notification.id());
            }
        } finally {
            MDC.remove("notificationId");
            MDC.remove("sagaId");
        }
    }

    /**
     * Records the e-mail as SENT, waiting out an unreachable store (with back-off) for as long as this
     * dispatcher runs: the SMTP server has the e-mail, so giving up here would let the claim expire and send it
     * a second time. Any other failure is thrown to the round, as before.
     */
    private boolean recordSent(Notification notification) {
        Duration wait = Duration.ofMillis(200);
        while (true) {
            try {
                return store.markSent(notification.id(), owner, clock.instant());
            } catch (RuntimeException e) {
                if (FailureClassifier.classify(e) != FailureClassifier.Failure.OUTAGE || !active()) {
                    throw e;
                }
                log.warn("E-mail {} sent, but the store is unreachable; recording it again in {}: {}",
                        notification.id(), wait, e.toString());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_RECORD_WAIT) > 0 ? MAX_RECORD_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private MimeMessage build(Notification notification) throws MessagingException, UnsupportedEncodingException {
        RenderedMail mail = renderer.render(notification);
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(new InternetAddress(properties.from(), true));
        Object recipientName = notification.model().get("recipientName");
        helper.setTo(recipientName == null ? new InternetAddress(notification.to(), true)
                : new InternetAddress(notification.to(), recipientName.toString(), "UTF-8"));
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        // JavaMailSenderImpl keeps an explicit Message-ID; the same one on every attempt lets receivers dedupe.
        message.setHeader("Message-ID", notification.messageId());
        message.setHeader("Content-Language", mail.language().code());
        return message;
    }

    private void failed(Notification notification, SmtpFailure failure) {
        Instant now = clock.instant();
        String template = notification.template().name();
        if (failure.kind() == SmtpFailure.Kind.CIRCUIT_OPEN) {
            // Not tried: hand it back without counting an attempt; the relay gets its rest.
            store.release(notification.id(), owner, now.plus(properties.retryBackoff()), now);
            return;
        }
        int attempts = notification.attempts() + 1;
        boolean permanent = failure.kind() == SmtpFailure.Kind.PERMANENT;
        switch (retryPolicy.afterFailure(attempts, permanent, now)) {
            case RetryPolicy.RetryAt retry -> {
                if (store.markRetry(notification.id(), owner, failure.reason(), retry.at(), now)) {
                    meters.counter("provisio.email.retried", "template", template).increment();
                    log.warn("E-mail {} attempt {} failed, retrying at {}: {}", notification.id(), attempts,
                            retry.at(), failure.reason());
                }
            }
            case RetryPolicy.GiveUp giveUp -> {
                if (store.markFailed(notification.id(), owner, failure.reason(), now)) {
                    meters.counter("provisio.email.failed", "template", template).increment();
                    log.error("E-mail {} failed for good after {} attempt(s): {}", notification.id(), attempts,
                            failure.reason());
                }
            }
        }
    }

    /** A failed round (MongoDB away for a moment) is logged by the worker; claims already taken expire. */
    @Override
    protected void round() {
        dispatchDue();
    }
}
