package io.provisio.subscription.subscriptions.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.provisio.ids.Ids;

/**
 * A customer's holding of {@code units} of one plan, allocated from its partner's inventory. The
 * inventory knows the units under this subscription's id; each user given the plan's service takes
 * one of them ({@code users}).
 *
 * @param sagaId           the onboarding that created it (its compensation deletes it again), or
 *                         {@code null} for a plan added later through the API
 * @param billingStartedAt when it turned ACTIVE, or {@code null} while SCHEDULED
 * @param billingPausedAt  while the customer is suspended, the suspension's instant: billing is paused (ACTIVE)
 *                         or does not start (SCHEDULED, also past its start date) until the resume; else
 *                         {@code null}
 * @param users            ids of the customer's users holding one unit each
 */
public record Subscription(String id, String partnerId, String customerId, String sagaId, String planCode,
                           int units, LocalDate startDate, SubscriptionStatus status, Instant billingStartedAt,
                           Instant billingPausedAt, Instant createdAt, List<String> users) {

    public Subscription {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * A new subscription of a saga. Its id is a function of saga and plan, so a redone action finds
     * the one it created before.
     *
     * @param startDate the requested start date, or {@code null} for today
     */
    public static Subscription start(String partnerId, String customerId, String sagaId, String planCode, int units,
                                     LocalDate startDate, Clock clock) {
        return create(idOf(sagaId, planCode), partnerId, customerId, sagaId, planCode, units, startDate, clock);
    }

    /**
     * A subscription with the status its start date gives it today. Start dates are calendar days in
     * UTC: one whose start date is today or already past starts billing right away, a later one waits
     * for its day.
     */
    public static Subscription create(String id, String partnerId, String customerId, String sagaId,
                                      String planCode, int units, LocalDate startDate, Clock clock) {
        Instant now = clock.instant();
        LocalDate today = today(clock);
        LocalDate start = startDate == null ? today : startDate;
        boolean due = !start.isAfter(today);
        return new Subscription(id, partnerId, customerId, sagaId, planCode, units, start,
                due ? SubscriptionStatus.ACTIVE : SubscriptionStatus.SCHEDULED, due ? now : null, null, now, List.of());
    }

    /** The same subscription with billing paused as of {@code at} (its customer is suspended), or not ({@code null}). */
    public Subscription withBillingPausedAt(Instant at) {
        return new Subscription(id, partnerId, customerId, sagaId, planCode, units, startDate, status, billingStartedAt,
                at, createdAt, users);
    }

    /** Today as a UTC calendar day: the day start dates are compared with, wherever the clock's zone is. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public static String idOf(String sagaId, String planCode) {
        return Ids.derived(sagaId, "subscription/" + sagaId + "/" + planCode);
    }

    /** Units no user holds yet. */
    public int unassigned() {
        return units - users.size();
    }
}
