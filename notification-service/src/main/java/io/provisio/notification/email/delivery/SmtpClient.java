package io.provisio.notification.email.delivery;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedRunnable;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.notification.email.domain.Template;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The SMTP relay behind Resilience4j: a transient failure (a 4xx answer, no connection) is retried a few
 * times with exponential back-off within the call; a permanent one (5xx) is not retried at all. A circuit
 * breaker counts only transient failures: a relay that keeps failing is rested instead of hammered, while
 * one mailbox that does not exist never opens it.
 */
final class SmtpClient {

    private static final int MAX_REASON_LENGTH = 500;

    private final JavaMailSender sender;
    private final CircuitBreaker breaker;
    private final Map<Template, Retry> retries = new EnumMap<>(Template.class);

    SmtpClient(JavaMailSender sender, DeliveryProperties.Smtp settings, MeterRegistry meters) {
        this.sender = sender;
        this.breaker = CircuitBreaker.of("smtp", CircuitBreakerConfig.custom()
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .recordException(SmtpClient::isTransient)
                .build());
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.backoff(), 2.0))
                .retryOnException(SmtpClient::isTransient)
                .build();
        for (Template template : Template.values()) {
            Retry retry = Retry.of("smtp-" + template.name(), retryConfig);
            // One Retry per template, so the counter knows which template a retry was for.
            retry.getEventPublisher().onRetry(event -> meters.counter("provisio.email.retried",
                    "template", template.name()).increment());
            retries.put(template, retry);
        }
        io.micrometer.core.instrument.Gauge.builder("provisio.email.smtp.circuit.open",
                        breaker, b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                .description("1 while the SMTP circuit breaker is open").register(meters);
    }

    /** Whether the breaker would refuse a call now; the dispatcher then leaves due e-mails unclaimed. */
    boolean circuitOpen() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    /** @return empty when the server accepted the message, else why not */
    Optional<SmtpFailure> send(MimeMessage message, Template template) {
        CheckedRunnable call = Retry.decorateCheckedRunnable(retries.get(template),
                CircuitBreaker.decorateCheckedRunnable(breaker, () -> sender.send(message)));
        try {
            call.run();
            return Optional.empty();
        } catch (CallNotPermittedException e) {
            return Optional.of(new SmtpFailure(SmtpFailure.Kind.CIRCUIT_OPEN, "SMTP circuit breaker open"));
        } catch (Throwable e) {
            return Optional.of(classify(e));
        }
    }

    static SmtpFailure classify(Throwable e) {
        for (Throwable cause : causes(e)) {
            int code = returnCode(cause);
            if (code >= 500) {
                return new SmtpFailure(SmtpFailure.Kind.PERMANENT, shorten(serverReason(cause, code)));
            }
            if (code >= 400) {
                return new SmtpFailure(SmtpFailure.Kind.TRANSIENT, shorten(serverReason(cause, code)));
            }
        }
        boolean unbuildable = e instanceof MailParseException || e instanceof MailPreparationException
                || e instanceof jakarta.mail.internet.AddressException || e instanceof IllegalStateException;
        return new SmtpFailure(unbuildable ? SmtpFailure.Kind.PERMANENT : SmtpFailure.Kind.TRANSIENT,
                shorten(describe(e)));
    }

    static boolean isTransient(Throwable e) {
        return classify(e).kind() == SmtpFailure.Kind.TRANSIENT;
    }

    /** The SMTP reply code an Angus exception carries, or -1. */
    private static int returnCode(Throwable e) {
        return switch (e) {
            case SMTPAddressFailedException address -> address.getReturnCode();
            case SMTPSenderFailedException sender -> sender.getReturnCode();
            case SMTPSendFailedException send -> send.getReturnCode();
            default -> -1;
        };
    }

    /** Angus puts the server's reply line in the message, e.g. "550 5.1.1 mailbox unavailable". */
    private static String serverReason(Throwable e, int code) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        return message.startsWith(Integer.toString(code)) ? message : code + " " + message;
    }

    /** Everything that may hold the real reason: causes, JavaMail's chained exceptions, Spring's failed messages. */
    private static List<Throwable> causes(Throwable e) {
        List<Throwable> found = new ArrayList<>();
        collect(e, found);
        return found;
    }

    private static void collect(Throwable e, List<Throwable> found) {
        if (e == null || found.contains(e) || found.size() > 20) {
            return;
        }
        found.add(e);
        if (e instanceof MailSendException send) {
            send.getFailedMessages().values().forEach(failure -> collect(failure, found));
        }
        if (e instanceof MessagingException messaging) {
            collect(messaging.getNextException(), found);
        }
        collect(e.getCause(), found);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage()
                + (root != e ? " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : "");
    }

    private static String shorten(String text) {
        return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) : text;
    }
}
