package io.provisio.notification.setup.persistence;

import java.time.Instant;
import java.util.Map;

import io.provisio.notification.setup.domain.SetupTimer;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code setup_timers} document as Spring Data maps it, field for field as stored (besides the outbox's fields):
 * {@code _id} is the customer id (a string, even one that reads as ObjectId hex), instants are dates. What a new
 * timer may lack, and what only escalation or completion set, is written as {@code null}, as it always was; the lease
 * exists only while a replica holds it.
 *
 * @param status {@link SetupTimerStore#RUNNING}, {@link SetupTimerStore#COMPLETED} or {@link SetupTimerStore#ENDED}
 */
record SetupTimerDocument(
        @MongoId(FieldType.STRING) String customerId,
        @Field(write = Field.Write.ALWAYS) String partnerId,
        @Field(write = Field.Write.ALWAYS) String by,
        @Field(write = Field.Write.ALWAYS) String to,
        @Field(write = Field.Write.ALWAYS) String partnerEmail,
        @Field(write = Field.Write.ALWAYS) String language,
        Map<String, Object> model,
        @Field(write = Field.Write.ALWAYS) String token,
        Instant start,
        int step,
        Instant dueAt,
        String status,
        @Field(write = Field.Write.ALWAYS) Instant escalatedAt,
        @Field(write = Field.Write.ALWAYS) Instant completedAt,
        Instant leaseUntil,
        String leaseOwner) {

    /** A timer that starts now: RUNNING, not escalated, not completed, held by nobody. */
    static SetupTimerDocument running(SetupTimer timer) {
        return new SetupTimerDocument(timer.customerId(), timer.partnerId(), timer.by(), timer.to(),
                timer.partnerEmail(), timer.language(), timer.model(), timer.token(), timer.start(), timer.step(),
                timer.dueAt(), SetupTimerStore.RUNNING, null, null, null, null);
    }

    SetupTimer timer() {
        return new SetupTimer(customerId, partnerId, by, to, partnerEmail, language, model, token, start, step, dueAt,
                escalatedAt);
    }

    /** Never prints the token nor the addresses. */
    @Override
    public String toString() {
        return "SetupTimerDocument[customerId=" + customerId + ", status=" + status + ", step=" + step + ", dueAt="
                + dueAt + "]";
    }
}
