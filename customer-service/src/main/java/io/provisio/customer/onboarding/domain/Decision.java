package io.provisio.customer.onboarding.domain;

import java.util.List;

/**
 * The outcome of feeding the saga a start, a reply or a deadline.
 *
 * @param changed       false when the input was a duplicate or late and nothing may be written
 * @param commands      what to send once the new state is stored (in the same atomic write)
 * @param announcements how the onboarding ended, to publish once the new state is stored, in the same write
 * @param events        what happened, for metrics and logs
 */
public record Decision(boolean changed, List<SagaCommand> commands, List<SagaOutcome> announcements,
                       List<SagaEvent> events) {

    public static final Decision UNCHANGED = new Decision(false, List.of(), List.of(), List.of());

    public Decision {
        commands = List.copyOf(commands);
        announcements = List.copyOf(announcements);
        events = List.copyOf(events);
    }

    Decision(boolean changed, List<SagaCommand> commands, List<SagaEvent> events) {
        this(changed, commands, List.of(), events);
    }
}
