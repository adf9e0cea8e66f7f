package io.provisio.customer.customers.application;

import java.time.Clock;

import io.provisio.customer.contracts.ActivateCustomer;
import io.provisio.customer.contracts.CustomerActivated;
import io.provisio.customer.contracts.CustomerActivationRejected;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.CustomerRegistered;
import io.provisio.customer.contracts.CustomerRegistrationRejected;
import io.provisio.customer.contracts.RegisterCustomer;
import io.provisio.customer.customers.store.CustomerStore;
import io.provisio.platform.participant.StepResult;
import org.springframework.stereotype.Service;

/**
 * The customer's saga steps: what REGISTER_CUSTOMER and ACTIVATE_CUSTOMER do and answer, and the compensation.
 * Each is idempotent, keyed by the customer id the orchestrator chose; the participant around them
 * ({@code SagaParticipant}) makes duplicates and a compensation overtaking an action harmless.
 */
@Service
public class CustomerSteps {

    private final CustomerStore customers;
    private final Clock clock;

    CustomerSteps(CustomerStore customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    public StepResult register(String partnerId, String sagaId, RegisterCustomer register) {
        CustomerStore.Registration registration = customers.register(partnerId, register.customerId(), sagaId,
                register.profile());
        return switch (registration.outcome()) {
            case REGISTERED -> StepResult.succeeded(CustomerMessages.REPLIES,
                    new CustomerRegistered(register.customerId()));
            case NAME_TAKEN -> rejected("ACCOUNT_NAME_TAKEN", "account name "
                    + register.profile().accountName() + " is taken");
            // Another partner's customer answers exactly like one that does not exist.
            case PARENT_NOT_FOUND -> rejected("PARENT_NOT_FOUND", "parent customer "
                    + register.profile().parentCustomerId() + " not found, not active,"
                    + " or already " + CustomerStore.MAX_DEPTH + " levels deep");
            // Names the sub-domain, never the customer or partner holding it.
            case SUBDOMAIN_TAKEN -> rejected("SUBDOMAIN_TAKEN", "the sub-domain "
                    + String.join(", ", registration.takenDomains()) + " of account name "
                    + register.profile().accountName() + " belongs to another organization");
            // Names the domains, never the customer or partner holding them.
            case DOMAIN_TAKEN -> rejected("DOMAIN_TAKEN", "domain(s) "
                    + String.join(", ", registration.takenDomains()) + " already claimed by another customer");
        };
    }

    /** Compensates REGISTER_CUSTOMER, and undoes a registration the compensation overtook; idempotent. */
    public void delete(String partnerId, String customerId) {
        customers.delete(partnerId, customerId);
    }

    /** The pivot: PROVISIONING becomes ACTIVE; only a customer deleted meanwhile refuses it. */
    public StepResult activate(String partnerId, ActivateCustomer activate) {
        if (customers.activate(partnerId, activate.customerId())) {
            return StepResult.succeeded(CustomerMessages.REPLIES,
                    new CustomerActivated(activate.customerId(), clock.instant()));
        }
        return StepResult.rejected(CustomerMessages.REPLIES, new CustomerActivationRejected("CUSTOMER_NOT_FOUND",
                "customer " + activate.customerId() + " no longer exists"));
    }

    private static StepResult rejected(String code, String message) {
        return StepResult.rejected(CustomerMessages.REPLIES, new CustomerRegistrationRejected(code, message));
    }
}
