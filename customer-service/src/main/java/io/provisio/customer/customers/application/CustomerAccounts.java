package io.provisio.customer.customers.application;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.provisio.customer.customers.domain.Customer;
import io.provisio.customer.customers.domain.CustomerStatus;
import io.provisio.customer.customers.store.CustomerStore;
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

    private final CustomerStore customers;
    private final Clock clock;

    CustomerAccounts(CustomerStore customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    /** Writes kept losing to other writers (not seen in practice; the caller answers 409 and may retry). */
    public static final class ConcurrentChangeException extends RuntimeException {

        ConcurrentChangeException(String customerId) {
            super("customer " + customerId + " kept changing while this change was being written");
        }
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

    /** @return empty when the partner has no such customer */
    public Optional<Customer.Transition> suspend(String partnerId, String customerId) {
        return transition(partnerId, customerId, customer -> customer.suspend(clock.instant()));
    }

    /** @return empty when the partner has no such customer */
    public Optional<Customer.Transition> resume(String partnerId, String customerId) {
        return transition(partnerId, customerId, customer -> customer.resume(clock.instant()));
    }

    /**
     * Applies a patch to the customer as it is now: {@code patch} merges the request over the customer it is given
     * and validates the result (it may throw to refuse), and may be called again on a newer customer.
     *
     * @return the patched customer as written; empty when the partner has no such customer
     */
    public Optional<Customer> patch(String partnerId, String customerId, Function<Customer, Customer.Patch> patch) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Customer> current = customers.find(partnerId, customerId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Customer patched = current.get().patched(patch.apply(current.get()));
            if (customers.patch(current.get(), patched)) {
                log.info("Customer {} of partner {} patched", customerId, partnerId);
                return Optional.of(patched);
            }
        }
        throw new ConcurrentChangeException(customerId);
    }

    private Optional<Customer.Transition> transition(String partnerId, String customerId,
                                                     Function<Customer, Customer.Transition> decide) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Customer> current = customers.find(partnerId, customerId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Customer.Transition transition = decide.apply(current.get());
            if (transition.outcome() != Customer.Outcome.CHANGED) {
                return Optional.of(transition);
            }
            if (customers.changeStatus(current.get(), transition.customer().status(),
                    transition.event().orElseThrow())) {
                log.info("Customer {} of partner {}: {}", customerId, partnerId, transition.customer().status());
                return Optional.of(transition);
            }
        }
        throw new ConcurrentChangeException(customerId);
    }
}
