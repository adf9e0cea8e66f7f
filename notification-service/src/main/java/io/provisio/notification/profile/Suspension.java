package io.provisio.notification.profile;

import java.time.Instant;

/**
 * The latest CustomerSuspended / CustomerResumed applied to a customer's profile.
 *
 * @param suspended whether the latest event was a suspension
 * @param at        that event's instant (milliseconds, as stored); an event not later than this changes nothing
 */
public record Suspension(boolean suspended, Instant at) {
}
