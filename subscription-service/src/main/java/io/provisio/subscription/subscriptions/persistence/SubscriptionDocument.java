package io.provisio.subscription.subscriptions.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.provisio.subscription.subscriptions.domain.PendingChange;
import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.domain.SubscriptionStatus;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code subscriptions} document as Spring Data maps it, field for field as stored (besides the scheduler's
 * activation lease, {@code cancelledAt} and the outbox's fields, which only the stores' updates touch). The fields a
 * subscription may lack are written as {@code null}, as they always were; {@code pending} appears only while a
 * units change is in flight.
 *
 * @param free         units no user holds: {@code units - users.size()}, so one conditional update hands one out
 * @param startDate    the start day as its UTC midnight, so "due by now" is a plain range query
 * @param billingPause the customer's latest suspension or resumption applied to it ({@link BillingPause})
 * @param liveKey      unique: one live subscription per customer and plan; a cancelled one holds its own id
 */
record SubscriptionDocument(
        @MongoId(FieldType.STRING) String id,
        String partnerId,
        String customerId,
        @Field(write = Field.Write.ALWAYS) String sagaId,
        String planCode,
        int units,
        Integer free,
        List<String> users,
        Instant startDate,
        SubscriptionStatus status,
        @Field(write = Field.Write.ALWAYS) Instant billingStartedAt,
        @Field(write = Field.Write.ALWAYS) BillingPause billingPause,
        Instant createdAt,
        String liveKey,
        Long version,
        PendingChange pending) {

    /** {@code {paused, at}}: billing is paused as of {@code at}, or runs again ({@code paused} false). */
    record BillingPause(boolean paused, Instant at) {
    }

    /** A new subscription's document, with the change in flight when it is added through the API. */
    static SubscriptionDocument of(Subscription s, SubscriptionStatus status, PendingChange pending) {
        return new SubscriptionDocument(s.id(), s.partnerId(), s.customerId(), s.sagaId(), s.planCode(), s.units(),
                s.unassigned(), s.users(), startOf(s.startDate()), status, s.billingStartedAt(),
                s.billingPausedAt() == null ? null : new BillingPause(true, s.billingPausedAt()), s.createdAt(),
                status == SubscriptionStatus.CANCELLED ? s.id()
                        : SubscriptionDocuments.liveKey(s.partnerId(), s.customerId(), s.planCode()),
                0L, pending);
    }

    Subscription subscription() {
        return new Subscription(id, partnerId, customerId, sagaId, planCode, units,
                startDate == null ? null : LocalDate.ofInstant(startDate, ZoneOffset.UTC), status, billingStartedAt,
                billingPause != null && billingPause.paused() ? billingPause.at() : null, createdAt, users);
    }

    /** A calendar day as stored and queried: its UTC midnight. */
    static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
