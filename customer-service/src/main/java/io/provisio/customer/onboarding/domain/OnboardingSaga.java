package io.provisio.customer.onboarding.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.provisio.customer.onboarding.domain.Step.ACTIVATE_CUSTOMER;
import static io.provisio.customer.onboarding.domain.Step.ASSIGN_PLANS;
import static io.provisio.customer.onboarding.domain.Step.CREATE_ADMINISTRATOR;
import static io.provisio.customer.onboarding.domain.Step.REGISTER_CUSTOMER;
import static io.provisio.customer.onboarding.domain.Step.SCHEDULE_WELCOME_EMAIL;

/**
 * The onboarding saga: its steps in order, each performed by a command and, but for the pivot, undone by
 * another (what each carries is the messaging adapter's translation of the stored onboarding). Everything else
 * here is the rule set that walks this table:
 * <ul>
 *   <li>a step's success starts the next step; the last one completes the onboarding and announces
 *       {@link SagaOutcome.Completed};</li>
 *   <li>a failed onboarding, once compensated, is announced with {@link SagaOutcome.Failed};</li>
 *   <li>slow is not failed: an unanswered command is sent again with back-off (the participants are
 *       idempotent), and only the step's long deadline passing fails it (STEP_TIMEOUT);</li>
 *   <li>a step's failure or timeout skips the rest and compensates every step that may have had an
 *       effect, in reverse order, one at a time;</li>
 *   <li>a compensation is sent again until it is answered: an onboarding never stays half-built;</li>
 *   <li>ACTIVATE_CUSTOMER is the point of no return ({@link #PIVOT}): once it has begun, nothing is
 *       undone; it has no deadline, and a refusal only makes the saga try again;</li>
 *   <li>a reply for a step that is not waiting for it (duplicate or late) changes nothing, nor does identity's
 *       token-less copy of an administrator's creation while activation needs the token;</li>
 *   <li>an operator may send the waiting command again now, or force compensation before the pivot.</li>
 * </ul>
 */
public final class OnboardingSaga {

    /** The steps in order, each with whether it has a compensation (the pivot has none: nothing is undone). */
    private static final List<StepDefinition> STEPS = List.of(
            new StepDefinition(REGISTER_CUSTOMER, true),
            new StepDefinition(CREATE_ADMINISTRATOR, true),
            new StepDefinition(ASSIGN_PLANS, true),
            new StepDefinition(SCHEDULE_WELCOME_EMAIL, true),
            new StepDefinition(ACTIVATE_CUSTOMER, false));

    /** The point of no return: from here on the onboarding completes, whatever it takes. */
    public static final Step PIVOT = ACTIVATE_CUSTOMER;

    private final SagaTimeouts timeouts;

    public OnboardingSaga(SagaTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    /** Starts the first step of a new onboarding. */
    public Decision start(Onboarding onboarding, Instant now) {
        return new Decision(true, List.of(begin(onboarding, STEPS.getFirst(), now)), List.of());
    }

    /** Applies a participant's reply. */
    public Decision onReply(Onboarding onboarding, StepReply reply, Instant now) {
        StepState state = onboarding.state(reply.step());
        return switch (reply.outcome()) {
            case SUCCEEDED -> state.status() == StepStatus.RUNNING && !isTokenlessCopy(reply)
                    ? advance(onboarding, reply, now) : Decision.UNCHANGED;
            case FAILED -> state.status() != StepStatus.RUNNING ? Decision.UNCHANGED
                    : reply.step() == PIVOT ? tryPivotAgain(onboarding, reply.error(), now)
                    : abort(onboarding, reply.step(), reply.error(), now);
            case COMPENSATED -> state.status() == StepStatus.COMPENSATING
                    ? compensationDone(onboarding, reply.step(), now) : Decision.UNCHANGED;
        };
    }

    /**
     * Applies the waiting step's deadline: its command is sent again, or, once the step's own deadline
     * has passed, a running step fails with STEP_TIMEOUT.
     *
     * @param mayGiveUp false while replies that may already be queued have had no chance to arrive (the
     *                  orchestrator just started): commands are sent again, nothing times out
     */
    public Decision onDeadline(Onboarding onboarding, Instant now, boolean mayGiveUp) {
        StepState waiting = onboarding.waiting().orElse(null);
        if (waiting == null || waiting.deadline().isAfter(now)) {
            return Decision.UNCHANGED;
        }
        if (waiting.status() == StepStatus.RUNNING && mayGiveUp && waiting.giveUpAt() != null
                && !now.isBefore(waiting.giveUpAt())) {
            return abort(onboarding, waiting.step(), new StepError(StepError.STEP_TIMEOUT,
                    waiting.step() + " had no reply within " + timeouts.forStep(waiting.step())), now);
        }
        return sendAgain(onboarding, waiting, now);
    }

    /**
     * An operator's retry (API.md, Wave 2): the waiting step's command, or its compensation, goes out again now,
     * as at a deadline, and its back-off goes on from there. Nothing else changes; participants are idempotent.
     *
     * @return unchanged when nothing waits (the onboarding is finished)
     */
    public Decision retryNow(Onboarding onboarding, Instant now) {
        return onboarding.waiting().map(waiting -> sendAgain(onboarding, waiting, now)).orElse(Decision.UNCHANGED);
    }

    /**
     * An operator's forced compensation: the running step fails with {@link StepError#OPERATOR_ABORTED} and
     * everything done so far is undone, that step included (it may have acted, as after a time-out).
     *
     * @throws IllegalStateException when the onboarding is not in progress before the point of no return
     *         ({@link #mayForceCompensation})
     */
    public Decision forceCompensation(Onboarding onboarding, String reason, Instant now) {
        if (!mayForceCompensation(onboarding)) {
            throw new IllegalStateException("onboarding " + onboarding.id() + " cannot be compensated now");
        }
        StepState running = onboarding.waiting().orElseThrow();
        return abort(onboarding, running.step(), new StepError(StepError.OPERATOR_ABORTED, reason), now);
    }

    /** In progress and not yet at the point of no return: from {@link #PIVOT} on, nothing is undone. */
    public static boolean mayForceCompensation(Onboarding onboarding) {
        return onboarding.status() == OnboardingStatus.IN_PROGRESS && onboarding.waiting()
                .filter(w -> w.status() == StepStatus.RUNNING && w.step().ordinal() < PIVOT.ordinal()).isPresent();
    }

    private Decision sendAgain(Onboarding onboarding, StepState waiting, Instant now) {
        if (waiting.status() == StepStatus.RUNNING) {
            onboarding.sendAgain(waiting.step(), now, nextSend(waiting, waiting.attempts() + 1, now));
            return new Decision(true, List.of(SagaCommand.action(waiting.step())), List.of());
        }
        onboarding.compensate(waiting.step(), now, now.plus(timeouts.resendAfter(waiting.attempts() + 1)));
        return new Decision(true, List.of(SagaCommand.compensation(waiting.step())), List.of());
    }

    /**
     * The point of no return was refused (it should not be; the stuck-saga gauge shows it): its command is
     * sent again at its next deadline, with back-off, and nothing is undone.
     */
    private Decision tryPivotAgain(Onboarding onboarding, StepError refused, Instant now) {
        StepState pivot = onboarding.state(PIVOT);
        onboarding.retryAfterRefusal(PIVOT, refused, now, nextSend(pivot, pivot.attempts(), now));
        return new Decision(true, List.of(), List.of());
    }

    /** When a running step's command, sent {@code sent} times, goes out next: back-off, never past giving up. */
    private Instant nextSend(StepState running, int sent, Instant now) {
        Instant next = now.plus(timeouts.resendAfter(sent));
        return running.giveUpAt() != null && next.isAfter(running.giveUpAt()) ? running.giveUpAt() : next;
    }

    private Decision advance(Onboarding onboarding, StepReply reply, Instant now) {
        List<SagaEvent> events = new ArrayList<>();
        Duration took = onboarding.succeed(reply.step(), now);
        events.add(new SagaEvent.StepFinished(reply.step(), StepStatus.SUCCEEDED, took));
        if (reply.step() == CREATE_ADMINISTRATOR) {
            onboarding.forgetPasswordHash();
            if (reply.administrator() != null) {
                onboarding.administratorCreated(reply.administrator());
            }
        }
        if (reply.step() == SCHEDULE_WELCOME_EMAIL) {
            onboarding.forgetActivationToken();
        }
        int next = reply.step().ordinal() + 1;
        if (next == STEPS.size()) {
            onboarding.complete(now);
            events.add(new SagaEvent.SagaFinished(OnboardingStatus.COMPLETED, null,
                    Duration.between(onboarding.createdAt(), now)));
            return new Decision(true, List.of(),
                    List.of(new SagaOutcome.Completed(onboarding.id(), onboarding.customerId(), now,
                            onboarding.request().customer().setup(), onboarding.request().planCodes())), events);
        }
        return new Decision(true, List.of(begin(onboarding, STEPS.get(next), now)), events);
    }

    private Decision abort(Onboarding onboarding, Step failed, StepError error, Instant now) {
        Duration took = onboarding.fail(failed, error, now);
        List<SagaEvent> events = new ArrayList<>();
        events.add(new SagaEvent.StepFinished(failed, StepStatus.FAILED, took));
        // A timed-out or operator-aborted step may still have acted (its command may only be queued): undo it too.
        // A step that answered "failed" left nothing behind, so compensation starts before it.
        int from = error.mayHaveActed() ? failed.ordinal() : failed.ordinal() - 1;
        return compensateFrom(onboarding, from, now, events);
    }

    private Decision compensationDone(Onboarding onboarding, Step step, Instant now) {
        onboarding.compensated(step, now);
        return compensateFrom(onboarding, step.ordinal() - 1, now, new ArrayList<>());
    }

    /** Compensates the latest step at or before {@code from} that may have had an effect, else fails. */
    private Decision compensateFrom(Onboarding onboarding, int from, Instant now, List<SagaEvent> events) {
        for (int i = from; i >= 0; i--) {
            StepDefinition definition = STEPS.get(i);
            StepStatus status = onboarding.state(definition.step()).status();
            boolean mayHaveActed = status == StepStatus.SUCCEEDED
                    || (status == StepStatus.FAILED && mayHaveActed(onboarding.state(definition.step())));
            if (mayHaveActed && definition.undoable()) {
                onboarding.compensate(definition.step(), now, now.plus(timeouts.resendAfter(1)));
                return new Decision(true, List.of(SagaCommand.compensation(definition.step())), events);
            }
        }
        onboarding.failed(now);
        Failure failure = onboarding.failure();
        events.add(new SagaEvent.SagaFinished(OnboardingStatus.FAILED, failure,
                Duration.between(onboarding.createdAt(), now)));
        // Announced with the FAILED state, once everything that may have acted is undone: the partner's
        // onboarding.failed webhook (notification-service) never races a compensation.
        return new Decision(true, List.of(), List.of(new SagaOutcome.Failed(onboarding.id(), onboarding.customerId(),
                failure == null ? null : failure.step(), failure == null ? null : failure.code(),
                failure == null ? null : failure.message(), now)), events);
    }

    private SagaCommand begin(Onboarding onboarding, StepDefinition definition, Instant now) {
        Instant giveUpAt = definition.step() == PIVOT ? null : now.plus(timeouts.forStep(definition.step()));
        Instant resendAt = now.plus(timeouts.resendAfter(1));
        onboarding.begin(definition.step(), now,
                giveUpAt != null && resendAt.isAfter(giveUpAt) ? giveUpAt : resendAt, giveUpAt);
        return SagaCommand.action(definition.step());
    }

    /**
     * identity's answer to a repeated CreateAdministrator: the stored copy of its first reply, which never carries
     * the activation token (only the first reply does, ADR 006). Replies race on competing consumers, so the copy
     * may arrive first; taking it would schedule the welcome e-mail without its activation link. The first reply is
     * on its way (its publish was confirmed before the copy could be sent), so the copy changes nothing.
     */
    private static boolean isTokenlessCopy(StepReply reply) {
        AdministratorAccount account = reply.administrator();
        return account != null && account.activationRequired() && account.activationToken() == null;
    }

    private static boolean mayHaveActed(StepState state) {
        return state.error() != null && state.error().mayHaveActed();
    }

    /** A row of the table: the step, and whether it has a compensation. */
    private record StepDefinition(Step step, boolean undoable) {
    }
}
