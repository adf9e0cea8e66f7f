package io.provisio.subscription.subscriptions.application;

import java.time.Instant;

import io.provisio.customer.contracts.CustomerStatusChanged;
import io.provisio.subscription.customer.application.Customers;
import io.provisio.subscription.subscriptions.persistence.BillingPauseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * CustomerSuspended pauses the customer's billing, CustomerResumed lets it run again (ADR 017): an ACTIVE
 * subscription is not billed from the suspension's instant on ({@code billingPausedAt}), a SCHEDULED one does
 * not start, not even past its start date, until the resume; and while suspended the customer's users get no
 * new per-user services ({@code CUSTOMER_SUSPENDED}).
 *
 * <p>The latest instant wins, as in identity-service, on the customer record and on every subscription by
 * itself: each is one conditional write that only moves forward. So a duplicate or an older event arriving late
 * changes nothing, two consumers handling a suspension and its resume at once end as the later one says, and a
 * redelivery after a crash between the record and the subscriptions finishes the job.
 */
@Service
public class CustomerSuspensions {

    private static final Logger log = LoggerFactory.getLogger(CustomerSuspensions.class);

    private final Customers customers;
    private final BillingPauseStore billingPauses;

    CustomerSuspensions(Customers customers, BillingPauseStore billingPauses) {
        this.customers = customers;
        this.billingPauses = billingPauses;
    }

    /** A CustomerSuspended or CustomerResumed of the partner's; see {@link #record(String, String, boolean, Instant)}. */
    public void record(String partnerId, CustomerStatusChanged change) {
        record(partnerId, change.customerId(), change.suspended(), change.at());
    }

    /** Records the event unless a later one is kept, then brings the customer's subscriptions in line. */
    public void record(String partnerId, String customerId, boolean suspended, Instant at) {
        if (customers.recordSuspension(partnerId, customerId, suspended, at)) {
            log.info("Customer {} {} as of {}: billing {}", customerId, suspended ? "suspended" : "resumed", at,
                    suspended ? "paused" : "runs again");
        } else {
            log.info("{} of customer {} as of {} changes nothing: a later record is kept, or the customer is"
                    + " unknown here", suspended ? "Suspension" : "Resumption", customerId, at);
        }
        applyToSubscriptions(partnerId, customerId);
    }

    /**
     * Applies the customer's latest record to its subscriptions, also to ones added since it was written: the
     * writes are conditional on each subscription's own record, so this is safe to call any time, any number of
     * times.
     */
    public void applyToSubscriptions(String partnerId, String customerId) {
        customers.suspension(partnerId, customerId).ifPresent(latest ->
                billingPauses.recordBillingPause(partnerId, customerId, latest.suspended(), latest.at()));
    }
}
