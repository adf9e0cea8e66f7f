package io.provisio.customer.customers.messaging;

import io.provisio.customer.contracts.ActivateCustomer;
import io.provisio.customer.contracts.CompleteSetup;
import io.provisio.customer.contracts.CustomerCommand;
import io.provisio.customer.contracts.CustomerDeleted;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.DeleteCustomer;
import io.provisio.customer.contracts.RecordSetupEscalation;
import io.provisio.customer.contracts.RegisterCustomer;
import io.provisio.customer.customers.application.CustomerSetups;
import io.provisio.customer.customers.application.CustomerSteps;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.participant.SagaParticipant;
import org.springframework.stereotype.Component;

/**
 * {@code customer-commands}: hands each command to the saga participant, which makes duplicates, crashes and a
 * compensation overtaking its action harmless; the work itself is {@link CustomerSteps}'s. The setup's news from
 * identity and notification go to {@link CustomerSetups}.
 */
@Component
class CustomerCommandHandler {

    private final SagaParticipant participant;
    private final CustomerSteps steps;
    private final CustomerSetups setups;

    CustomerCommandHandler(SagaParticipant participant, CustomerSteps steps, CustomerSetups setups) {
        this.participant = participant;
        this.steps = steps;
        this.setups = setups;
    }

    void handle(Envelope command, CustomerCommand message) {
        String partnerId = command.partnerId();
        switch (message) {
            case RegisterCustomer register -> participant.act(command,
                    () -> steps.register(partnerId, command.sagaId(), register),
                    () -> steps.delete(partnerId, register.customerId()));
            case DeleteCustomer delete -> participant.compensate(command,
                    () -> steps.delete(partnerId, delete.customerId()), CustomerMessages.REPLIES,
                    new CustomerDeleted(delete.customerId()));
            case ActivateCustomer activate -> participant.act(command, () -> steps.activate(partnerId, activate),
                    () -> { });
            // Outside any saga, idempotent by the customer's setup state (ADR 023).
            case CompleteSetup complete -> setups.complete(command.requirePartner(), complete);
            case RecordSetupEscalation escalation -> setups.escalated(command.requirePartner(), escalation);
        }
    }
}
