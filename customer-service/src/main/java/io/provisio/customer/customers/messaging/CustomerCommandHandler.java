package io.provisio.customer.customers.messaging;

import io.provisio.customer.contracts.ActivateCustomer;
import io.provisio.customer.contracts.CustomerCommand;
import io.provisio.customer.contracts.CustomerDeleted;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.DeleteCustomer;
import io.provisio.customer.contracts.RegisterCustomer;
import io.provisio.customer.customers.application.CustomerSteps;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.participant.SagaParticipant;
import org.springframework.stereotype.Component;

/**
 * {@code customer-commands}: hands each command to the saga participant, which makes duplicates, crashes and a
 * compensation overtaking its action harmless; the work itself is {@link CustomerSteps}'s.
 */
@Component
class CustomerCommandHandler {

    private final SagaParticipant participant;
    private final CustomerSteps steps;

    CustomerCommandHandler(SagaParticipant participant, CustomerSteps steps) {
        this.participant = participant;
        this.steps = steps;
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
        }
    }
}
