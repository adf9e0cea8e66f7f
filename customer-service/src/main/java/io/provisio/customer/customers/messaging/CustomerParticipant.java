package io.provisio.customer.customers.messaging;

import java.time.Clock;
import java.util.function.Consumer;

import io.provisio.customer.contracts.ActivateCustomer;
import io.provisio.customer.contracts.CustomerActivated;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerDeleted;
import io.provisio.customer.contracts.CustomerRegistered;
import io.provisio.customer.contracts.CustomerRegistrationRejected;
import io.provisio.customer.contracts.DeleteCustomer;
import io.provisio.customer.contracts.RegisterCustomer;
import io.provisio.customer.customers.store.CustomerStore;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.LocalChannel;
import io.provisio.platform.participant.SagaParticipant;
import io.provisio.platform.participant.StepResult;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The customer participant's commands ({@code customer-commands}, group customer-service). */
@Configuration(proxyBeanMethods = false)
class CustomerParticipant {

    private final CustomerStore customers;
    private final SagaParticipant participant;
    private final MessageCodec codec;
    private final Clock clock;

    CustomerParticipant(CustomerStore customers, SagaParticipant participant, MessageCodec codec, Clock clock) {
        this.customers = customers;
        this.participant = participant;
        this.codec = codec;
        this.clock = clock;
    }

    @Bean
    Consumer<Message<byte[]>> customerCommands() {
        return new EnvelopeHandler(codec, this::handle);
    }

    /** The orchestrator sends these commands from this very process: they need not cross the broker. */
    @Bean
    LocalChannel customerCommandsHere() {
        return new LocalChannel(CustomerChannels.COMMANDS, this::handle);
    }

    void handle(Envelope command) {
        String partner = command.partnerId();
        switch (command.type()) {
            case "RegisterCustomer" -> {
                RegisterCustomer register = codec.payload(command, RegisterCustomer.class);
                participant.act(command, () -> registered(partner, command.sagaId(), register),
                        () -> customers.delete(partner, register.customerId()));
            }
            case "DeleteCustomer" -> {
                DeleteCustomer delete = codec.payload(command, DeleteCustomer.class);
                participant.compensate(command, () -> customers.delete(partner, delete.customerId()),
                        "CustomerDeleted", new CustomerDeleted(delete.customerId()));
            }
            case "ActivateCustomer" -> {
                ActivateCustomer activate = codec.payload(command, ActivateCustomer.class);
                participant.act(command, () -> customers.activate(partner, activate.customerId())
                                ? new StepResult.Succeeded("CustomerActivated",
                                new CustomerActivated(activate.customerId(), clock.instant()))
                                : new StepResult.Rejected("CustomerRegistrationRejected",
                                new CustomerRegistrationRejected("CUSTOMER_NOT_FOUND",
                                        "customer " + activate.customerId() + " no longer exists")),
                        () -> { });
            }
            default -> throw new MalformedMessageException("customer-service does not handle " + command.type());
        }
    }

    private StepResult registered(String partner, String sagaId, RegisterCustomer register) {
        CustomerStore.Registration registration = customers.register(partner, register.customerId(), sagaId,
                register.profile());
        return switch (registration.outcome()) {
            case REGISTERED -> new StepResult.Succeeded("CustomerRegistered",
                    new CustomerRegistered(register.customerId()));
            case NAME_TAKEN -> new StepResult.Rejected("CustomerRegistrationRejected",
                    new CustomerRegistrationRejected("ACCOUNT_NAME_TAKEN", "account name "
                            + register.profile().accountName() + " is taken"));
            // Another partner's customer answers exactly like one that does not exist.
            case PARENT_NOT_FOUND -> new StepResult.Rejected("CustomerRegistrationRejected",
                    new CustomerRegistrationRejected("PARENT_NOT_FOUND", "parent customer "
                            + register.profile().parentCustomerId() + " not found, not active,"
                            + " or already " + CustomerStore.MAX_DEPTH + " levels deep"));
            // Names the sub-domain, never the customer or partner holding it.
            case SUBDOMAIN_TAKEN -> new StepResult.Rejected("CustomerRegistrationRejected",
                    new CustomerRegistrationRejected("SUBDOMAIN_TAKEN", "the sub-domain "
                            + String.join(", ", registration.takenDomains()) + " of account name "
                            + register.profile().accountName() + " belongs to another organization"));
            // Names the domains, never the customer or partner holding them.
            case DOMAIN_TAKEN -> new StepResult.Rejected("CustomerRegistrationRejected",
                    new CustomerRegistrationRejected("DOMAIN_TAKEN", "domain(s) "
                            + String.join(", ", registration.takenDomains())
                            + " already claimed by another customer"));
        };
    }
}
