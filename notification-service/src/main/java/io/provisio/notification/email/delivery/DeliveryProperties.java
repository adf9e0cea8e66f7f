package io.provisio.notification.email.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dispatchInterval how often each replica looks for due e-mails; the worst-case delay of a
 *                         "send now" e-mail, traded against idle queries on MongoDB
 * @param lease            how long a claim on an e-mail holds; must outlast rendering plus the SMTP
 *                         timeouts, or a slow send is taken over by another replica and sent twice
 * @param maxAttempts      delivery attempts in total before an e-mail is FAILED
 * @param retryBackoff     wait after the first failed attempt; doubles with each further failure
 * @param retryBackoffMax  the longest wait between two attempts
 * @param from             the sender every e-mail carries
 */
@ConfigurationProperties("provisio.notification")
public record DeliveryProperties(
        @DefaultValue("500ms") Duration dispatchInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("30m") Duration retryBackoffMax,
        @DefaultValue("Provisio <no-reply@provisio.local>") String from) {
}
