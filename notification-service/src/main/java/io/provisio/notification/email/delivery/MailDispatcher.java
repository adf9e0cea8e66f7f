package io.provisio.notification.email.delivery;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.RetryPolicy;
import io.provisio.notification.email.persistence.NotificationStore;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends due e-mails. Every replica runs one; they share the work through MongoDB alone:
 * each round claims one due e-mail at a time with an atomic find-and-modify and a lease, sends it,
 * and records the outcome only while it still owns the claim. Nothing is held in memory, so a
 * restart or a crash loses nothing: a dead replica's claim expires and another replica sends it.
 *
 * <p>SMTP itself is at least once: a replica that dies after the server accepted an e-mail but
 * before it recorded SENT leaves it to be sent again. Every attempt carries the same Message-ID
 * so mail systems can recognise the repeat.
 */
final class MailDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final NotificationStore store;
    private final MailRenderer renderer;
    private final JavaMailSender sender;
    private final DeliveryProperties properties;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String owner = "dispatcher-" + UUID.randomUUID();
    private volatile boolean running;
    private volatile boolean stopping;
    private ScheduledExecutorService executor;

    MailDispatcher(NotificationStore store, MailRenderer renderer, JavaMailSender sender,
                   DeliveryProperties properties, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.renderer = renderer;
        this.sender = sender;
        this.properties = properties;
        this.retryPolicy = new RetryPolicy(properties.maxAttempts(), properties.retryBackoff(),
                properties.retryBackoffMax());
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Sends due e-mails one by one until none is due or the dispatcher stops.
     *
     * @return how many e-mails this call handled (sent or failed)
     */
    int dispatchDue() {
        int handled = 0;
        while (!stopping) {
            Optional<Notification> claimed = store.claimNextDue(clock.instant(), properties.lease(), owner);
            if (claimed.isEmpty()) {
                return handled;
            }
            deliver(claimed.get());
            handled++;
        }
        return handled;
    }

    private void deliver(Notification notification) {
        MDC.put("notificationId", notification.id());
        MDC.put("sagaId", notification.sagaId());
        try {
            try {
                send(notification);
            } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                failed(notification, e);
                return;
            }
            // If this write fails the claim expires and the e-mail goes out again: at least once, never lost.
            if (store.markSent(notification.id(), owner, clock.instant())) {
                count("provisio.email.sent", "E-mails the SMTP server accepted", notification);
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

    private void send(Notification notification) throws MessagingException, UnsupportedEncodingException {
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
        sender.send(message);
    }

    private void failed(Notification notification, Exception e) {
        String error = describe(e);
        Instant now = clock.instant();
        int attempts = notification.attempts() + 1;
        boolean permanent = e instanceof MailParseException || e instanceof MailPreparationException
                || e instanceof jakarta.mail.internet.AddressException;
        switch (retryPolicy.afterFailure(attempts, permanent, now)) {
            case RetryPolicy.RetryAt retry -> {
                if (store.markRetry(notification.id(), owner, error, retry.at(), now)) {
                    count("provisio.email.retried", "Failed delivery attempts that will be retried", notification);
                    log.warn("E-mail {} attempt {} failed, retrying at {}: {}", notification.id(), attempts,
                            retry.at(), error);
                }
            }
            case RetryPolicy.GiveUp giveUp -> {
                if (store.markFailed(notification.id(), owner, error, now)) {
                    count("provisio.email.failed", "E-mails given up on after their last attempt", notification);
                    log.error("E-mail {} failed for good after {} attempt(s): {}", notification.id(), attempts, error);
                }
            }
        }
    }

    private void count(String name, String description, Notification notification) {
        Counter.builder(name).description(description).tag("template", notification.template().name())
                .register(meters).increment();
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage()
                + (root != e ? " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : "");
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        stopping = false;
        running = true;
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "mail-dispatcher"));
        executor.scheduleWithFixedDelay(this::round, 0, properties.dispatchInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            // MongoDB away for a moment: the next round tries again, claims already taken expire.
            log.warn("Dispatch round failed, retrying: {}", e.toString());
        }
    }

    /** Finishes the e-mail in hand, so no claim is left to expire, then stops claiming. */
    @Override
    public synchronized void stop() {
        stopping = true;
        running = false;
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                executor.shutdownNow();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts last and stops first: the mail session, MongoDB and a local SMTP sink outlive it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
