package io.provisio.gateway.apidocs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param refreshInterval how often every service's document is fetched again while all of them are at hand: a
 *                        service deployed with a new endpoint shows in the merged document at most this late
 * @param retryInterval   how soon again while some service's document is missing (it is down, or starting)
 * @param timeout         how long one service may take to answer with its document
 */
@ConfigurationProperties("provisio.gateway.api-docs")
public record ApiDocsProperties(
        @DefaultValue("60s") Duration refreshInterval,
        @DefaultValue("5s") Duration retryInterval,
        @DefaultValue("5s") Duration timeout) {

    public ApiDocsProperties {
        if (!refreshInterval.isPositive() || !retryInterval.isPositive() || !timeout.isPositive()) {
            throw new IllegalArgumentException("api-docs intervals and time-out must be positive");
        }
    }
}
