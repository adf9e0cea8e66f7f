package io.provisio.subscription.subscriptions.scheduling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval         how often each replica looks for due subscriptions and stale changes; also the
 *                         longest delay between midnight UTC of a start date and its activation
 * @param activationLease  how long a replica owns a claimed activation; after a crash, the longest extra delay
 * @param staleChangeAfter a units change still pending after this long is finished or abandoned by the
 *                         scheduler (its request died); must outlast any request's own run
 */
@ConfigurationProperties("provisio.subscription.scheduler")
public record SchedulerProperties(
        @DefaultValue("1s") Duration interval,
        @DefaultValue("30s") Duration activationLease,
        @DefaultValue("2m") Duration staleChangeAfter) {
}
