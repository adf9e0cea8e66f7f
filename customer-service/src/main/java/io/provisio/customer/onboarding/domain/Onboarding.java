package io.provisio.customer.onboarding.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One onboarding: the persisted state machine of the saga. It guards its own transitions; the
 * {@link OnboardingSaga} decides which transition an input causes. {@code version} is the
 * optimistic lock: a writer holding an older version loses and decides again on fresh state.
 */
public final class Onboarding {

    private final String id;
    private final String partnerId;
    private final String customerId;
    private final String traceparent;
    private OnboardingRequest request;
    private final Instant createdAt;
    private final long version;
    private OnboardingStatus status;
    private final List<StepState> steps;
    private Failure failure;
    private AdministratorAccount administrator;
    private Instant updatedAt;

    /** Rebuilds a stored onboarding. */
    public Onboarding(String id, String partnerId, String customerId, String traceparent, OnboardingRequest request,
                      OnboardingStatus status, List<StepState> steps, Failure failure, AdministratorAccount administrator,
                      Instant createdAt, Instant updatedAt, long version) {
        this.id = id;
        this.partnerId = partnerId;
        this.customerId = customerId;
        this.traceparent = traceparent;
        this.request = request;
        this.status = status;
        this.steps = new ArrayList<>(steps);
        this.failure = failure;
        this.administrator = administrator;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    /** A new onboarding, every step PENDING. */
    public static Onboarding create(String id, String partnerId, String customerId, String traceparent,
                                    OnboardingRequest request, Instant now) {
        List<StepState> steps = Arrays.stream(Step.values()).map(StepState::pending).toList();
        return new Onboarding(id, partnerId, customerId, traceparent, request, OnboardingStatus.IN_PROGRESS, steps,
                null, null, now, now, -1);
    }

    // --- transitions, each guarded ------------------------------------------------------------

    /** @param giveUpAt {@code null} for the point of no return, which is sent again until it succeeds */
    void begin(Step step, Instant now, Instant resendAt, Instant giveUpAt) {
        require(status == OnboardingStatus.IN_PROGRESS && state(step).status() == StepStatus.PENDING, "begin", step);
        set(state(step).running(now, resendAt, giveUpAt), now);
    }

    /** The running step's command goes out once more; if still unanswered at {@code resendAt}, again. */
    void sendAgain(Step step, Instant now, Instant resendAt) {
        require(state(step).status() == StepStatus.RUNNING, "send again", step);
        set(state(step).sentAgain(resendAt), now);
    }

    /** The running step's owner refused it, but the step must not fail (the point of no return): retry then. */
    void retryAfterRefusal(Step step, StepError refusal, Instant now, Instant retryAt) {
        require(state(step).status() == StepStatus.RUNNING, "retry", step);
        set(state(step).refused(refusal, retryAt), now);
    }

    Duration succeed(Step step, Instant now) {
        require(state(step).status() == StepStatus.RUNNING, "succeed", step);
        set(state(step).succeeded(now), now);
        return Duration.between(state(step).startedAt(), now);
    }

    Duration fail(Step step, StepError error, Instant now) {
        require(state(step).status() == StepStatus.RUNNING, "fail", step);
        set(state(step).failed(now, error), now);
        failure = new Failure(step, error.code(), error.message());
        status = OnboardingStatus.COMPENSATING;
        forgetPasswordHash();
        forgetActivationToken();
        for (StepState later : List.copyOf(steps)) {
            if (later.status() == StepStatus.PENDING) {
                set(later.skipped(), now);
            }
        }
        return Duration.between(state(step).startedAt(), now);
    }

    void compensate(Step step, Instant now, Instant deadline) {
        StepStatus current = state(step).status();
        require(status == OnboardingStatus.COMPENSATING
                && (current == StepStatus.SUCCEEDED || current == StepStatus.FAILED
                || current == StepStatus.COMPENSATING), "compensate", step);
        set(state(step).compensating(deadline), now);
    }

    void compensated(Step step, Instant now) {
        require(state(step).status() == StepStatus.COMPENSATING, "mark compensated", step);
        set(state(step).compensated(now), now);
    }

    void complete(Instant now) {
        require(status == OnboardingStatus.IN_PROGRESS
                && steps.stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED), "complete", null);
        status = OnboardingStatus.COMPLETED;
        updatedAt = now;
    }

    void failed(Instant now) {
        require(status == OnboardingStatus.COMPENSATING && waiting().isEmpty(), "finish failed", null);
        status = OnboardingStatus.FAILED;
        updatedAt = now;
    }

    /**
     * The hash only needs to reach identity-service: the saga keeps it while CREATE_ADMINISTRATOR may have to
     * be sent again, and forgets it once the step succeeded or the onboarding failed.
     */
    void forgetPasswordHash() {
        if (request.administrator().passwordHash() != null) {
            request = request.withoutPasswordHash();
        }
    }

    void administratorCreated(AdministratorAccount account) {
        this.administrator = account;
    }

    /**
     * The activation token only needs to reach notification-service: the saga keeps it while
     * SCHEDULE_WELCOME_EMAIL may have to be sent again, and forgets it once that step succeeded or the
     * onboarding failed.
     */
    void forgetActivationToken() {
        if (administrator != null && administrator.activationToken() != null) {
            administrator = administrator.withoutToken();
        }
    }

    // --- reads --------------------------------------------------------------------------------

    public StepState state(Step step) {
        return steps.get(step.ordinal());
    }

    /** The step waiting for a reply (RUNNING or COMPENSATING), if any. */
    public Optional<StepState> waiting() {
        return steps.stream().filter(StepState::isWaiting).findFirst();
    }

    /** When the waiting step gives up; {@code null} when nothing waits. Swept by any replica. */
    public Instant deadline() {
        return waiting().map(StepState::deadline).orElse(null);
    }

    public String id() {
        return id;
    }

    public String partnerId() {
        return partnerId;
    }

    public String customerId() {
        return customerId;
    }

    public String accountName() {
        return request.customer().accountName();
    }

    public String traceparent() {
        return traceparent;
    }

    /** The W3C trace id of the request that started the onboarding. */
    public String traceId() {
        return traceIdOf(traceparent);
    }

    /** The 32-hex trace id inside a W3C {@code traceparent}, or {@code null}. */
    public static String traceIdOf(String traceparent) {
        String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
        return parts.length >= 2 ? parts[1] : null;
    }

    public OnboardingRequest request() {
        return request;
    }

    public OnboardingStatus status() {
        return status;
    }

    public List<StepState> steps() {
        return List.copyOf(steps);
    }

    public Failure failure() {
        return failure;
    }

    /** The administrator identity created; {@code null} before CREATE_ADMINISTRATOR succeeded. */
    public AdministratorAccount administrator() {
        return administrator;
    }

    public boolean activationRequired() {
        return administrator != null && administrator.activationRequired();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The stored version; -1 before the first write. */
    public long version() {
        return version;
    }

    private void set(StepState state, Instant now) {
        steps.set(state.step().ordinal(), state);
        updatedAt = now;
    }

    private void require(boolean allowed, String transition, Step step) {
        if (!allowed) {
            throw new IllegalStateException("onboarding " + id + " in " + status + " cannot " + transition
                    + (step == null ? "" : " " + step + " (" + state(step).status() + ")"));
        }
    }
}
