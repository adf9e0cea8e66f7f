package io.provisio.customer.onboarding.domain;

import java.util.List;

/**
 * One row of an onboarding batch: an onboarding request judged on arrival, then (when valid) started by the
 * pacer as a saga of its own.
 *
 * @param index         the row's position in what the partner sent, from 0
 * @param accountName   as the partner wrote it (may be missing or invalid on an INVALID row)
 * @param request       what the saga will run, the administrator's password already hashed; null on an INVALID row
 * @param requestDigest the Idempotency-Key digest the row's onboarding is started with, so that starting it again
 *                      (after a crash, or by another replica) answers the same onboarding; null on an INVALID row
 * @param status        see {@link Status}
 * @param onboardingId  the saga the row started, once started
 * @param errors        why the row is INVALID or REJECTED; empty otherwise
 */
public record BatchRow(int index, String accountName, OnboardingRequest request, String requestDigest,
                       Status status, String onboardingId, List<Problem> errors) {

    public BatchRow {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * {@code QUEUED → IN_PROGRESS → COMPLETED | COMPENSATING → FAILED}, as its onboarding goes; {@code INVALID}
     * (refused on arrival) and {@code REJECTED} (refused when started: the account name, a domain or the parent
     * was no longer available) start nothing.
     */
    public enum Status {
        INVALID, REJECTED, QUEUED, IN_PROGRESS, COMPENSATING, COMPLETED, FAILED;

        public boolean isFinal() {
            return this == INVALID || this == REJECTED || this == COMPLETED || this == FAILED;
        }

        /** The row's status while its onboarding is in {@code status}. */
        public static Status of(OnboardingStatus status) {
            return valueOf(status.name());
        }
    }

    /** One invalid field of the row, with its path inside the row (e.g. {@code plans[0].units}). */
    public record Problem(String field, String message) {
    }

    public static BatchRow queued(int index, OnboardingRequest request, String requestDigest) {
        return new BatchRow(index, request.customer().accountName(), request, requestDigest, Status.QUEUED, null,
                List.of());
    }

    public static BatchRow invalid(int index, String accountName, List<Problem> errors) {
        return new BatchRow(index, accountName, null, null, Status.INVALID, null, errors);
    }

    /** Started: the saga {@code onboardingId} runs it, now in {@code status}. */
    public BatchRow started(String onboardingId, OnboardingStatus status) {
        return new BatchRow(index, accountName, request, requestDigest, Status.of(status), onboardingId, errors);
    }

    /** Refused when its turn came; its onboarding was never created. */
    public BatchRow rejected(List<Problem> problems) {
        return new BatchRow(index, accountName, request, requestDigest, Status.REJECTED, null, problems);
    }

    /** Its onboarding is running (started, not yet COMPLETED or FAILED). */
    public boolean inFlight() {
        return onboardingId != null && !status.isFinal();
    }
}
