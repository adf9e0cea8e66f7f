package io.provisio.subscription.assignment.messaging;

import io.provisio.customer.contracts.DryRunFinding;
import io.provisio.customer.contracts.DryRunReport;
import io.provisio.platform.messaging.DirectReplies;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.SagaParticipant;
import io.provisio.subscription.assignment.application.PlanAssignment;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.PlansReleased;
import io.provisio.subscription.contracts.ReleasePlans;
import io.provisio.subscription.contracts.ValidatePlans;
import org.springframework.stereotype.Component;

/**
 * Hands the ASSIGN_PLANS commands to the saga participant, which makes duplicates, crashes and a
 * compensation overtaking its action harmless; the work itself is {@link PlanAssignment}'s. The dry
 * run's {@code ValidatePlans} writes nothing and is answered directly, without the participant.
 */
@Component
class SubscriptionCommandHandler {

    private final MessageCodec codec;
    private final SagaParticipant participant;
    private final PlanAssignment assignment;
    private final DirectReplies directReplies;

    SubscriptionCommandHandler(MessageCodec codec, SagaParticipant participant, PlanAssignment assignment,
                               DirectReplies directReplies) {
        this.codec = codec;
        this.participant = participant;
        this.assignment = assignment;
        this.directReplies = directReplies;
    }

    void handle(Envelope command) {
        if (command.partnerId() == null || command.partnerId().isBlank()) {
            throw new MalformedMessageException(command.type() + " without partner id");
        }
        String sagaId = command.sagaId();
        String partnerId = command.partnerId();
        switch (command.type()) {
            case "AssignPlans" -> {
                AssignPlans assign = codec.payload(command, AssignPlans.class);
                participant.act(command, () -> assignment.assign(sagaId, partnerId, assign),
                        () -> assignment.undo(sagaId, partnerId, assign.customerId()));
            }
            case "ReleasePlans" -> {
                ReleasePlans release = codec.payload(command, ReleasePlans.class);
                participant.compensate(command, () -> assignment.undo(sagaId, partnerId, release.customerId()),
                        PlansReleased.class.getSimpleName(), new PlansReleased(release.customerId()));
            }
            case "ValidatePlans" -> {
                ValidatePlans validate = codec.payload(command, ValidatePlans.class);
                DryRunReport report = new DryRunReport(assignment.check(partnerId, validate.plans(),
                        validate.acceptPaidPlans()).stream()
                        .map(v -> new DryRunFinding(v.field(), v.code(), v.message())).toList());
                directReplies.reply(command, "DryRunReport", report);
            }
            default -> throw new MalformedMessageException("subscription-service does not handle " + command.type());
        }
    }
}
