package io.provisio.customer.customers.store;

import java.util.Optional;

import io.provisio.customer.onboarding.application.ParentCustomers;
import org.springframework.stereotype.Component;

/** The onboarding's view of the customer hierarchy. */
@Component
class ParentCustomersAdapter implements ParentCustomers {

    private final CustomerStore customers;

    ParentCustomersAdapter(CustomerStore customers) {
        this.customers = customers;
    }

    @Override
    public Optional<Parent> acceptingChildren(String partnerId, String customerId) {
        return customers.parent(partnerId, customerId)
                .filter(CustomerStore.Parent::mayHaveChildren)
                .map(p -> new Parent(p.locale(), p.businessType(), p.emergencyContactEmail()));
    }
}
