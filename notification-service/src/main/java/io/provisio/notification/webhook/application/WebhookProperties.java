package io.provisio.notification.webhook.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowPrivateTargets local runs and tests only: http and loopback/private targets allowed (SSRF rules off)
 * @param timeout             one attempt, connect to answer; a receiver slower than this failed the attempt
 * @param dispatchInterval    how often each replica looks for due deliveries
 * @param lease               how long a claim holds; well above {@code timeout}
 * @param retryBackoff        wait after the first failed attempt, doubling after each further one
 * @param retryBackoffMax     the longest wait between two attempts
 * @param retryWindow         how long after the event (or a redeliver) attempts go on; then the delivery FAILED
 *                            and its endpoint disabled
 * @param retention           how long the delivery log keeps a finished delivery (DELIVERED or FAILED), counted from
 *                            the start of its last retry window; then the retention sweep deletes it
 * @param retentionInterval   how often each replica sweeps
 */
@ConfigurationProperties("provisio.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("500ms") Duration dispatchInterval,
        @DefaultValue("1m") Duration lease,
        @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("4h") Duration retryBackoffMax,
        @DefaultValue("24h") Duration retryWindow,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration retentionInterval) {
}
