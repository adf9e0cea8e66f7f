package io.provisio.customer.onboarding.persistence;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import io.provisio.customer.onboarding.application.OnboardingSummary;
import io.provisio.customer.onboarding.domain.AdministratorAccount;
import io.provisio.customer.onboarding.domain.Failure;
import io.provisio.customer.onboarding.domain.Onboarding;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.customer.onboarding.domain.Step;
import io.provisio.customer.onboarding.domain.StepError;
import io.provisio.customer.onboarding.domain.StepState;
import io.provisio.customer.onboarding.domain.StepStatus;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * An {@code onboardings} document as Spring Data maps it, field for field as stored, besides two: the outbox's
 * {@code version}, {@code outbox} and {@code outboxPendingSince}, and {@code request}, which
 * {@link MongoOnboardingRepository} writes and reads as the JSON the saga has always kept (its days and instants as
 * text), without the converter walking the request on every step. What an onboarding may lack (the trace, the failure,
 * the administrator, the deadline) is written as {@code null}, as it always was.
 *
 * @param accountNameKey     {@code partnerId/accountName} while the onboarding is live or completed, reserving the name
 *                           (sparse unique index); absent once it failed
 * @param idempotencyKey     {@code partnerId/key} when the partner sent an {@code Idempotency-Key}, else absent
 * @param deadline           {@link Onboarding#deadline()}, for the sweep's index
 * @param activationRequired read only: onboardings stored before the administrator's account was kept hold this flag
 */
record OnboardingDocument(
        @MongoId(FieldType.STRING) String id,
        String partnerId,
        String customerId,
        String accountName,
        OnboardingStatus status,
        @Field(write = Field.Write.ALWAYS) String traceparent,
        List<StepDocument> steps,
        @Field(write = Field.Write.ALWAYS) FailureDocument failure,
        @Field(write = Field.Write.ALWAYS) AccountDocument administratorAccount,
        @Field(write = Field.Write.ALWAYS) Instant deadline,
        Instant createdAt,
        Instant updatedAt,
        String accountNameKey,
        String idempotencyKey,
        String requestDigest,
        Long version,
        Boolean activationRequired) {

    /**
     * One step on the timeline, every instant written, {@code null} where it has none.
     *
     * @param giveUpAt absent in steps written before steps were sent again (see {@link #state(boolean)})
     */
    record StepDocument(Step step, StepStatus status,
                        @Field(write = Field.Write.ALWAYS) Instant startedAt,
                        @Field(write = Field.Write.ALWAYS) Instant finishedAt,
                        @Field(write = Field.Write.ALWAYS) ErrorDocument error,
                        @Field(write = Field.Write.ALWAYS) Instant deadline,
                        @Field(write = Field.Write.ALWAYS) Instant giveUpAt,
                        Integer attempts) {

        static StepDocument of(StepState s) {
            return new StepDocument(s.step(), s.status(), s.startedAt(), s.finishedAt(), ErrorDocument.of(s.error()),
                    s.deadline(), s.giveUpAt(), s.attempts());
        }

        /**
         * @param giveUpWritten whether the stored step holds {@code giveUpAt}: written before steps were sent again, a
         *                      running step's one deadline was its giving up
         */
        StepState state(boolean giveUpWritten) {
            return new StepState(step, status, startedAt, finishedAt, error == null ? null : error.error(), deadline,
                    giveUpWritten || status != StepStatus.RUNNING ? giveUpAt : deadline,
                    attempts == null ? 0 : attempts);
        }
    }

    record ErrorDocument(@Field(write = Field.Write.ALWAYS) String code,
                         @Field(write = Field.Write.ALWAYS) String message) {

        static ErrorDocument of(StepError error) {
            return error == null ? null : new ErrorDocument(error.code(), error.message());
        }

        StepError error() {
            return new StepError(code, message);
        }
    }

    record FailureDocument(Step step, @Field(write = Field.Write.ALWAYS) String code,
                           @Field(write = Field.Write.ALWAYS) String message) {

        static FailureDocument of(Failure failure) {
            return failure == null ? null : new FailureDocument(failure.step(), failure.code(), failure.message());
        }

        Failure failure() {
            return new Failure(step, code, message);
        }
    }

    /** The administrator identity created; the token only while the saga needs it ({@link AdministratorAccount}). */
    record AccountDocument(@Field(write = Field.Write.ALWAYS) String userId,
                           @Field(write = Field.Write.ALWAYS) String upn,
                           Boolean activationRequired,
                           @Field(write = Field.Write.ALWAYS) String activationToken,
                           @Field(write = Field.Write.ALWAYS) Instant activationExpiresAt) {

        static AccountDocument of(AdministratorAccount a) {
            return a == null ? null : new AccountDocument(a.userId(), a.upn(), a.activationRequired(),
                    a.activationToken(), a.activationExpiresAt());
        }

        AdministratorAccount account() {
            return new AdministratorAccount(userId, upn, Boolean.TRUE.equals(activationRequired), activationToken,
                    activationExpiresAt);
        }

        /** Never prints the token. */
        @Override
        public String toString() {
            return "AccountDocument[userId=" + userId + "]";
        }
    }

    /** The onboarding as written: no version (the outbox keeps it), the name reserved unless it failed. */
    static OnboardingDocument of(Onboarding o, String idempotencyKey, String requestDigest) {
        return new OnboardingDocument(o.id(), o.partnerId(), o.customerId(), o.accountName(), o.status(),
                o.traceparent(), o.steps().stream().map(StepDocument::of).toList(), FailureDocument.of(o.failure()),
                AccountDocument.of(o.administrator()), o.deadline(), o.createdAt(), o.updatedAt(),
                o.status() == OnboardingStatus.FAILED ? null : o.partnerId() + "/" + o.accountName(), idempotencyKey,
                requestDigest, null, null);
    }

    /**
     * @param request       read from the document's {@code request}
     * @param giveUpWritten for each step, whether it holds {@code giveUpAt} ({@link StepDocument#state(boolean)})
     */
    Onboarding onboarding(OnboardingRequest request, List<Boolean> giveUpWritten) {
        return new Onboarding(id, partnerId, customerId, traceparent, request, status, states(giveUpWritten),
                failure == null ? null : failure.failure(), administrator(), createdAt, updatedAt, version);
    }

    /** From the summary's projection: no request, outbox or administrator. */
    OnboardingSummary summary(List<Boolean> giveUpWritten) {
        return new OnboardingSummary(id, status, customerId, accountName, states(giveUpWritten),
                failure == null ? null : failure.failure(), Onboarding.traceIdOf(traceparent), createdAt, updatedAt);
    }

    private List<StepState> states(List<Boolean> giveUpWritten) {
        return IntStream.range(0, steps.size())
                .mapToObj(i -> steps.get(i).state(giveUpWritten.get(i))).toList();
    }

    private AdministratorAccount administrator() {
        if (administratorAccount == null) {
            // Written before the account was kept: only the flag is known.
            return Boolean.TRUE.equals(activationRequired) ? new AdministratorAccount(null, null, true, null, null)
                    : null;
        }
        return administratorAccount.account();
    }
}
