package io.provisio.notification.setup.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When each stage of a setup falls due, counted from its start (the start date, or the completion of an onboarding
 * that completed later): CONFIGURE_NOW at once, ESCALATION after {@code escalateAfter}, a REMINDER every
 * {@code remindEvery} before the deadline, FINAL_ESCALATION at {@code deadline}. With the defaults (1 day, 2 days,
 * 7 days): configure now on day 0, escalation on day 1, reminders on days 2, 4 and 6, the final escalation on day 7.
 */
public record SetupCadence(Duration escalateAfter, Duration remindEvery, Duration deadline) {

    public SetupCadence {
        if (escalateAfter.isNegative() || escalateAfter.isZero() || remindEvery.isNegative() || remindEvery.isZero()
                || deadline.compareTo(escalateAfter) <= 0) {
            throw new IllegalArgumentException("setup cadence needs 0 < escalateAfter < deadline and remindEvery > 0");
        }
    }

    /** A stage and how long after the start it falls due. */
    public record Step(SetupStage stage, Duration after) {
    }

    /** Every step, in the order they fall due (an escalation before a reminder due at the same time). */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(SetupStage.CONFIGURE_NOW, Duration.ZERO));
        steps.add(new Step(SetupStage.ESCALATION, escalateAfter));
        for (Duration at = remindEvery; at.compareTo(deadline) < 0; at = at.plus(remindEvery)) {
            steps.add(new Step(SetupStage.REMINDER, at));
        }
        steps.add(new Step(SetupStage.FINAL_ESCALATION, deadline));
        steps.sort(Comparator.comparing(Step::after)); // stable: at equal times the order above holds
        return List.copyOf(steps);
    }

    /**
     * The step to run after {@code done}, or -1 when it was the last. Steps that a later step has overtaken by
     * {@code now} (the service was down for days) are skipped: after an outage the latest due step goes out, not a
     * burst of stale reminders; the final escalation is never skipped.
     */
    public int next(int done, Instant start, Instant now) {
        List<Step> steps = steps();
        int next = done + 1;
        if (next >= steps.size()) {
            return -1;
        }
        while (next + 1 < steps.size() && !start.plus(steps.get(next + 1).after()).isAfter(now)) {
            next++;
        }
        return next;
    }

    public Instant dueAt(int step, Instant start) {
        return start.plus(steps().get(step).after());
    }

    public SetupStage stage(int step) {
        return steps().get(step).stage();
    }
}
