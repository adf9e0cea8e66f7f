package io.provisio.customer.customers.messaging;

import io.provisio.customer.contracts.ActivateCustomer;
import io.provisio.customer.contracts.CheckSubdomain;
import io.provisio.customer.contracts.ClaimSubdomain;
import io.provisio.customer.contracts.CompleteSetup;
import io.provisio.customer.contracts.CustomerCommand;
import io.provisio.customer.contracts.CustomerDeleted;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.DeleteCustomer;
import io.provisio.customer.contracts.RecordSetupEscalation;
import io.provisio.customer.contracts.RegisterCustomer;
import io.provisio.customer.customers.application.CustomerSetups;
import io.provisio.customer.customers.application.CustomerSteps;
import io.provisio.customer.customers.application.CustomerSubdomains;
import io.provisio.platform.messaging.DirectReplies;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.participant.SagaParticipant;
import org.springframework.stereotype.Component;

/**
 * {@code customer-commands}: hands each command to the saga participant, which makes duplicates, crashes and a
 * compensation overtaking its action harmless; the work itself is {@link CustomerSteps}'s. The setup's news from
 * identity and notification go to {@link CustomerSetups}; the setup page's sub-domain questions to
 * {@link CustomerSubdomains}, answered straight to their {@code replyTo} (ADR 026).
 */
@Component
class CustomerCommandHandler {

    private final SagaParticipant participant;
    private final CustomerSteps steps;
    private final CustomerSetups setups;
    private final CustomerSubdomains subdomains;
    private final DirectReplies direct;

    CustomerCommandHandler(SagaParticipant participant, CustomerSteps steps, CustomerSetups setups,
                           CustomerSubdomains subdomains, DirectReplies direct) {
        this.participant = participant;
        this.steps = steps;
        this.setups = setups;
        this.subdomains = subdomains;
        this.direct = direct;
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
            // Questions from the setup page (ADR 026), answered without the outbox: a lost answer costs a retry.
            case CheckSubdomain check -> direct.reply(command, CustomerMessages.SUBDOMAIN_ANSWERS,
                    subdomains.check(command.requirePartner(), check));
            case ClaimSubdomain claim -> subdomains.claim(command.requirePartner(), claim)
                    .ifPresent(answer -> direct.reply(command, CustomerMessages.SUBDOMAIN_ANSWERS, answer));
        }
    }
}
