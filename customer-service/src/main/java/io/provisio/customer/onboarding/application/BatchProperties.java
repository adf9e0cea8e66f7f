package io.provisio.customer.onboarding.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How onboarding batches are paced (ADR 021).
 *
 * @param window   how many of one batch's onboardings may run at once; the next row starts when one ends. A
 *                 partner's batches run one after another, so one partner puts at most this many sagas in the
 *                 queues ahead of other partners' single onboardings
 * @param interval the pacer's round: how soon a finished row lets the next one start
 * @param lease    how long a replica keeps a batch to itself without renewing; another replica carries on after it
 * @param maxRows  rows per batch, at most
 */
@ConfigurationProperties("provisio.onboarding.batches")
public record BatchProperties(
        @DefaultValue("8") int window,
        @DefaultValue("500ms") Duration interval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("500") int maxRows) {
}
