package io.provisio.identity.user.domain;

import java.time.Instant;

/**
 * The latest CustomerSuspended / CustomerResumed identity applied to a customer.
 *
 * @param suspended whether the latest event was a suspension
 * @param at        that event's instant (milliseconds, as stored); an event not later than this changes nothing
 * @param since     when the suspension that the latest event started or ended began; {@code null} when identity
 *                  never applied that suspension (its event arrived after a later resume, so it was ignored)
 */
public record Suspension(boolean suspended, Instant at, Instant since) {

    /**
     * Whether an activation link expiring at {@code expiresAt} died while the customer was suspended: alive when
     * the suspension began, expired by the resume ({@code at}). The same boundary as
     * {@link ActivationToken#expiredAt}: a link is dead from its expiry instant on. Without a known start, every
     * link that expired by the resume counts: identity cannot tell, and a fresh link is the safe side.
     */
    public boolean killed(Instant expiresAt) {
        return !suspended && !at.isBefore(expiresAt) && (since == null || since.isBefore(expiresAt));
    }
}
