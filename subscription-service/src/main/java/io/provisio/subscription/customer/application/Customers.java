package io.provisio.subscription.customer.application;

import java.time.Instant;
import java.util.Optional;

import io.provisio.subscription.customer.domain.Suspension;
import io.provisio.subscription.customer.persistence.CustomerStore;
import org.springframework.stereotype.Service;

/**
 * The customers this service serves, as the other features use them: which partner owns each (recorded by
 * ASSIGN_PLANS, removed by its compensation) and its latest suspension or resumption.
 */
@Service
public class Customers {

    private final CustomerStore customers;

    Customers(CustomerStore customers) {
        this.customers = customers;
    }

    /** From here on the REST API serves the customer; a record already there (of a redone action) stays. */
    public void add(String partnerId, String customerId, String sagaId) {
        customers.insertIfMissing(partnerId, customerId, sagaId);
    }

    /** Whether the customer exists and is the partner's; another partner's customer is as absent as none. */
    public boolean isOf(String partnerId, String customerId) {
        return customers.isOf(partnerId, customerId);
    }

    /** Removes the customer if this saga created it (a record of another saga stays), and all the saga created. */
    public void removeOfSaga(String partnerId, String sagaId, String customerId) {
        customers.deleteOfSaga(partnerId, sagaId);
        if (customerId != null) {
            customers.deleteOf(partnerId, customerId, sagaId);
        }
    }

    /**
     * Records a suspension ({@code suspended}) or resumption as of {@code at} unless a later one is kept.
     *
     * @return whether the record changed; false for a duplicate, an older event, or a customer of no such partner
     */
    public boolean recordSuspension(String partnerId, String customerId, boolean suspended, Instant at) {
        return customers.recordSuspension(partnerId, customerId, suspended, at);
    }

    /** The latest suspension or resumption recorded for the partner's customer, if any. */
    public Optional<Suspension> suspension(String partnerId, String customerId) {
        return customers.suspension(partnerId, customerId);
    }

    /** The instant the customer's current suspension began, while it is suspended. */
    public Optional<Instant> suspendedSince(String partnerId, String customerId) {
        return suspension(partnerId, customerId).filter(Suspension::suspended).map(Suspension::at);
    }
}
