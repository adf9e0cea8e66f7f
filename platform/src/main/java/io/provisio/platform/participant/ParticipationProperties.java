package io.provisio.platform.participant;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention     how long a finished step's record (its stored reply, its tombstone) is kept. It must
 *                      outlive every late or duplicate command of the step: those arrive within the saga's step
 *                      timeouts and the broker's redelivery back-off, minutes, so days leave a wide margin. A
 *                      duplicate arriving later still is handled as new, and the actions are idempotent by saga id.
 * @param sweepInterval how often each replica deletes the records past retention
 */
@ConfigurationProperties("provisio.participant")
public record ParticipationProperties(
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration sweepInterval) {
}
