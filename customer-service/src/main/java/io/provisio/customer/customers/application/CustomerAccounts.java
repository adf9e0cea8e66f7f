package io.provisio.customer.customers.application;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.provisio.customer.customers.domain.Customer;
import io.provisio.customer.customers.domain.CustomerStatus;
import io.provisio.customer.customers.store.CustomerChanges;
import io.provisio.customer.customers.store.CustomerQueries;
import io.provisio.platform.refusal.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The customers API's use cases: read the partner's customers, suspend and resume one, patch one. Each change is
 * decided by the {@link Customer} aggregate on the customer as read, and written only over that same state; when
 * another writer came first, the customer is read again and the change decided again (a merge patch and a status
 * change both apply cleanly to the newer state).
 */
@Service
public class CustomerAccounts {

    private static final Logger log = LoggerFactory.getLogger(CustomerAccounts.class);
    /** Writers racing for one customer are people clicking; a handful of rounds settles any real contention. */
    private static final int ATTEMPTS = 8;

    private final CustomerQueries customers;
    private final CustomerChanges changes;
    private final Clock clock;

    CustomerAccounts(CustomerQueries customers, CustomerChanges changes, Clock clock) {
        this.customers = customers;
        this.changes = changes;
        this.clock = clock;
    }

    public Optional<Customer> find(String partnerId, String customerId) {
        return customers.find(partnerId, customerId);
    }

    public List<Customer> list(String partnerId, CustomerStatus status, String parentId, String q, int skip,
                               int limit) {
        return customers.list(partnerId, status, parentId, q, skip, limit);
    }

    public long count(String partnerId, CustomerStatus status, String parentId, String q) {
        return customers.count(partnerId, status, parentId, q);
    }

    /**
     * @return the customer, suspended now or before
     * @throws Refusal NOT_FOUND without such a customer, INVALID_CUSTOMER_STATE unless it is active or suspended,
     *                 CONCURRENT_CHANGE when other writes kept overtaking this one
     */
    public Customer suspend(String partnerId, String customerId) {
        return transition(partnerId, customerId, customer -> customer.suspend(clock.instant()), "suspended",
                CustomerStatus.ACTIVE);
    }

    /** @see #suspend */
    public Customer resume(String partnerId, String customerId) {
        return transition(partnerId, customerId, customer -> customer.resume(clock.instant()), "resumed",
                CustomerStatus.SUSPENDED);
    }

    /**
     * Applies a patch to the customer as it is now: {@code patch} merges the request over the customer it is given
     * and validates the result (it may throw to refuse), and may be called again on a newer customer.
     *
     * @return the patched customer as written
     * @throws Refusal NOT_FOUND without such a customer, CONCURRENT_CHANGE when other writes kept overtaking this one
     */
    public Customer patch(String partnerId, String customerId, Function<Customer, Customer.Patch> patch) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Customer current = customers.find(partnerId, customerId)
                    .orElseThrow(() -> Refusal.notFound("Customer", customerId));
            Customer patched = current.patched(patch.apply(current));
            if (changes.patch(current, patched)) {
                log.info("Customer {} of partner {} patched", customerId, partnerId);
                return patched;
            }
        }
        throw concurrentChange(customerId);
    }

    private Customer transition(String partnerId, String customerId, Function<Customer, Customer.Transition> decide,
                                String verb, CustomerStatus from) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Customer current = customers.find(partnerId, customerId)
                    .orElseThrow(() -> Refusal.notFound("Customer", customerId));
            Customer.Transition transition = decide.apply(current);
            switch (transition.outcome()) {
                case ALREADY -> {
                    return transition.customer();
                }
                case NOT_ALLOWED -> throw new Refusal(Refusal.Kind.CONFLICT, "INVALID_CUSTOMER_STATE",
                        "Customer cannot be " + verb, "Only an " + from + " customer can be " + verb
                        + "; this one is " + transition.customer().status(), List.of());
                case CHANGED -> {
                    if (changes.changeStatus(current, transition.customer().status(),
                            transition.event().orElseThrow())) {
                        log.info("Customer {} of partner {}: {}", customerId, partnerId,
                                transition.customer().status());
                        return transition.customer();
                    }
                }
            }
        }
        throw concurrentChange(customerId);
    }

    /** Writes kept losing to other writers (not seen in practice); the caller may simply try again. */
    private static Refusal concurrentChange(String customerId) {
        return Refusal.conflict("CONCURRENT_CHANGE", "Customer kept changing", "Customer " + customerId
                + " was changed by other requests while this one was written; try again");
    }
}
