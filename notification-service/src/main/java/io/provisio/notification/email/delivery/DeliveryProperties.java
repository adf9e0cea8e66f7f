package io.provisio.notification.email.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dispatchInterval  how often each replica looks for due e-mails; the worst-case delay of a
 *                          "send now" e-mail, traded against idle queries on MongoDB
 * @param lease             how long a claim on an e-mail holds; must outlast rendering plus all in-call SMTP
 *                          attempts with their timeouts, or a slow send is taken over by another replica
 * @param maxAttempts       delivery attempts (each with its in-call SMTP retries) before an e-mail is FAILED
 * @param retryBackoff      wait after the first failed attempt; doubles with each further failure
 * @param retryBackoffMax   the longest wait between two attempts
 * @param from              the sender every e-mail carries
 * @param activationBaseUrl where the activation page lives; the link is {@code <base>/activate?token=...}
 * @param smtp              retries within one attempt and the circuit breaker around the SMTP relay
 */
@ConfigurationProperties("provisio.notification")
public record DeliveryProperties(
        @DefaultValue("500ms") Duration dispatchInterval,
        @DefaultValue("8") int dispatchWorkers,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("30m") Duration retryBackoffMax,
        @DefaultValue("Provisio <no-reply@provisio.local>") String from,
        @DefaultValue("http://localhost:8080") String activationBaseUrl,
        @DefaultValue Smtp smtp) {

    /**
     * @param attempts           SMTP calls within one delivery attempt for a transient failure (4xx, connection)
     * @param backoff            wait before the second call; doubles for each further call
     * @param breakerWindow      calls the circuit breaker judges the failure rate over
     * @param breakerMinimumCalls calls before the breaker may open at all
     * @param breakerFailureRate percentage of transient failures that opens the breaker
     * @param breakerOpenFor     how long an open breaker rests the relay before trying it again
     */
    public record Smtp(
            @DefaultValue("3") int attempts,
            @DefaultValue("500ms") Duration backoff,
            @DefaultValue("10") int breakerWindow,
            @DefaultValue("5") int breakerMinimumCalls,
            @DefaultValue("50") float breakerFailureRate,
            @DefaultValue("30s") Duration breakerOpenFor) {
    }
}
