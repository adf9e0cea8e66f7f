package io.provisio.customer.onboarding.application;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.provisio.customer.contracts.DryRunFinding;

/** Asks the saga's participants to judge a request without acting on it (the dry run). */
public interface ParticipantChecks {

    /** What a participant said, or that it said nothing in time. */
    record Verdict(String service, boolean answered, List<DryRunFinding> findings) {
    }

    /**
     * Sends every question at once and waits at most {@code bound} for all answers together.
     *
     * @param questions per participant service name: the validate command
     */
    List<Verdict> ask(String partnerId, String traceparent, Map<String, Question> questions, Duration bound);

    /** A validate command (a contract record of the participant's commands) and the channel it goes to. */
    record Question(String channel, Object payload) {
    }
}
