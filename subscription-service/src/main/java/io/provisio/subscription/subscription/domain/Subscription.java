package io.provisio.subscription.subscription.domain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A customer's holding of {@code units} of one plan, allocated from its partner's inventory.
 *
 * @param sagaId           the onboarding that created it; its compensation deletes it again
 * @param billingStartedAt when it turned ACTIVE, or {@code null} while SCHEDULED
 */
public record Subscription(String id, String partnerId, String customerId, String sagaId, String planCode,
                           int units, LocalDate startDate, SubscriptionStatus status, Instant billingStartedAt,
                           Instant createdAt) {

    /**
     * A new subscription of a saga. Its id is a function of saga and plan, so a redone action finds
     * the one it created before. Start dates are calendar days in UTC: a subscription whose start
     * date is today or already past starts billing right away, a later one waits for its day.
     *
     * @param startDate the requested start date, or {@code null} for today
     */
    public static Subscription start(String partnerId, String customerId, String sagaId, String planCode, int units,
                                     LocalDate startDate, Clock clock) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate start = startDate == null ? today : startDate;
        boolean due = !start.isAfter(today);
        return new Subscription(idOf(sagaId, planCode), partnerId, customerId, sagaId, planCode, units, start,
                due ? SubscriptionStatus.ACTIVE : SubscriptionStatus.SCHEDULED, due ? now : null, now);
    }

    public static String idOf(String sagaId, String planCode) {
        return UUID.nameUUIDFromBytes(("subscription/" + sagaId + "/" + planCode).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
