package io.provisio.subscription.assignment.messaging;

import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.DryRunFinding;
import io.provisio.customer.contracts.DryRunReport;
import io.provisio.platform.messaging.DirectReplies;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.participant.SagaParticipant;
import io.provisio.subscription.assignment.application.PlanAssignment;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.PlansReleased;
import io.provisio.subscription.contracts.ReleasePlans;
import io.provisio.subscription.contracts.SubscriptionCommand;
import io.provisio.subscription.contracts.SubscriptionMessages;
import io.provisio.subscription.contracts.ValidatePlans;
import org.springframework.stereotype.Component;

/**
 * {@code subscription-commands}: hands the ASSIGN_PLANS commands to the saga participant, which makes duplicates,
 * crashes and a compensation overtaking its action harmless; the work itself is {@link PlanAssignment}'s. The dry
 * run's {@code ValidatePlans} writes nothing and is answered directly, without the participant.
 */
@Component
class SubscriptionCommandHandler {

    private final SagaParticipant participant;
    private final PlanAssignment assignment;
    private final DirectReplies directReplies;

    SubscriptionCommandHandler(SagaParticipant participant, PlanAssignment assignment, DirectReplies directReplies) {
        this.participant = participant;
        this.assignment = assignment;
        this.directReplies = directReplies;
    }

    void handle(Envelope command, SubscriptionCommand message) {
        String sagaId = command.sagaId();
        String partnerId = command.requirePartner();
        switch (message) {
            case AssignPlans assign -> participant.act(command, () -> assignment.assign(sagaId, partnerId, assign),
                    () -> assignment.undo(sagaId, partnerId, assign.customerId()));
            case ReleasePlans release -> participant.compensate(command,
                    () -> assignment.undo(sagaId, partnerId, release.customerId()), SubscriptionMessages.REPLIES,
                    new PlansReleased(release.customerId()));
            case ValidatePlans validate -> directReplies.reply(command, CustomerMessages.DRY_RUN_REPLIES,
                    new DryRunReport(assignment.check(partnerId, validate.plans(), validate.acceptPaidPlans()).stream()
                            .map(v -> new DryRunFinding(v.field(), v.code(), v.message())).toList()));
        }
    }
}
