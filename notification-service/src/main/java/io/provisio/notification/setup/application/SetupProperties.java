package io.provisio.notification.setup.application;

import java.time.Duration;

import io.provisio.notification.setup.domain.SetupCadence;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code provisio.notification.setup}: the setup cadence (ADR 023) and its timer worker.
 *
 * @param escalateAfter  from the start to the first escalation to the partner
 * @param remindEvery    between two reminders to the contact, counted from the start
 * @param deadline       from the start to the final escalation; the timer then ends
 * @param interval       how often every replica looks for due timers
 * @param lease          how long one replica holds a claimed timer; another runs its step after a crash
 */
@ConfigurationProperties("provisio.notification.setup")
public record SetupProperties(
        @DefaultValue("1d") Duration escalateAfter,
        @DefaultValue("2d") Duration remindEvery,
        @DefaultValue("7d") Duration deadline,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("1m") Duration lease) {

    public SetupCadence cadence() {
        return new SetupCadence(escalateAfter, remindEvery, deadline);
    }
}
