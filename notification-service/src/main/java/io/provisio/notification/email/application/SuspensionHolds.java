package io.provisio.notification.email.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.provisio.customer.contracts.CustomerStatusChanged;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.persistence.DispatchClaims;
import io.provisio.notification.email.persistence.SuspensionHoldStore;
import io.provisio.notification.profile.CustomerProfileStore;
import io.provisio.notification.profile.Suspension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A suspended customer gets no e-mail (ADR 017). Its latest CustomerSuspended / CustomerResumed is kept on its
 * profile (latest instant wins); its unsent e-mails are HELD for the suspension and, on the resume, scheduled
 * again, except activation e-mails whose link died meanwhile, which are cancelled.
 *
 * <p>The record and the e-mails are different documents, so nothing here is one atomic write. What makes it
 * right: every writer of holds and releases reads the record again after its write and repeats until the record
 * it acted on is still the latest ({@link #settle}); whoever changes the record afterwards settles after that.
 * And the dispatcher asks before it sends ({@link #holdIfSuspended}), so an e-mail scheduled by any path while
 * the customer is suspended (an identity request, a subscription event, an onboarding's release, a partner's
 * resend, a retry) is held as it falls due instead of sent.
 */
@Component
public class SuspensionHolds {

    private static final Logger log = LoggerFactory.getLogger(SuspensionHolds.class);
    /** Each round needs the record to change under it; this many changes in a row is not a customer, it is a bug. */
    private static final int ROUNDS = 10;

    private final CustomerProfileStore profiles;
    private final SuspensionHoldStore store;
    private final DispatchClaims claims;
    private final Clock clock;

    SuspensionHolds(CustomerProfileStore profiles, SuspensionHoldStore store, DispatchClaims claims, Clock clock) {
        this.claims = claims;
        this.profiles = profiles;
        this.store = store;
        this.clock = clock;
    }

    /**
     * A CustomerSuspended or CustomerResumed: recorded unless a later one is kept, then the customer's e-mails are
     * brought in line with the latest record ({@link #settle}), also when this event changed nothing.
     *
     * @return whether this event is the customer's latest record: the one that changed it now, or its redelivery
     *         (the webhook {@code customer.suspended} / {@code customer.resumed} is announced for it, once, under
     *         its message id); false for an older event or a customer unknown here
     */
    public boolean apply(String partnerId, CustomerStatusChanged change) {
        String customerId = change.customerId();
        if (record(partnerId, customerId, change.suspended(), change.at())) {
            log.info("Customer {} {} as of {}", customerId, change.suspended() ? "suspended" : "resumed", change.at());
        } else {
            log.info("{} of customer {} as of {} changes nothing: a later record is kept, or the customer is"
                    + " unknown here", change.suspended() ? "Suspension" : "Resumption", customerId, change.at());
        }
        settle(partnerId, customerId);
        // The record and the webhook deliveries are different documents: asking "is this event the kept record?"
        // rather than "did this call change it?" lets a redelivery after a crash between the two still announce it.
        Suspension kept = new Suspension(change.suspended(), change.at().truncatedTo(ChronoUnit.MILLIS));
        return profiles.suspension(partnerId, customerId).filter(kept::equals).isPresent();
    }

    /**
     * Records the event unless the profile holds one as recent or more recent.
     *
     * @return whether the record changed (false: a duplicate, an older event, a customer unknown here)
     */
    public boolean record(String partnerId, String customerId, boolean suspended, Instant at) {
        return profiles.recordSuspension(partnerId, customerId, suspended, at);
    }

    /**
     * Brings the customer's e-mails in line with its latest record: held while suspended, released (dead
     * activation links cancelled) once resumed. Runs on every delivery of an event, also one that changed
     * nothing, so a crash between the record and the e-mails loses nothing.
     */
    public void settle(String partnerId, String customerId) {
        Optional<Suspension> acted = profiles.suspension(partnerId, customerId);
        for (int round = 0; round < ROUNDS && acted.isPresent(); round++) {
            apply(partnerId, customerId, acted.get());
            Optional<Suspension> latest = profiles.suspension(partnerId, customerId);
            if (latest.equals(acted)) {
                return;
            }
            acted = latest;
        }
        if (acted.isPresent()) {
            throw new IllegalStateException("the suspension of customer " + customerId + " kept changing");
        }
    }

    /**
     * The dispatcher's question for the e-mail it just claimed: when its customer is suspended, the e-mail is
     * held instead of sent, no attempt counted.
     *
     * @return true when it was held (or the claim lost): do not send it
     */
    public boolean holdIfSuspended(Notification claimed, String owner) {
        boolean suspended = profiles.suspension(claimed.partnerId(), claimed.customerId())
                .filter(Suspension::suspended).isPresent();
        if (!suspended) {
            return false;
        }
        claims.holdClaimed(claimed.id(), owner, clock.instant());
        log.info("{} e-mail {} held: customer {} is suspended", claimed.template(), claimed.id(),
                claimed.customerId());
        // A resume recorded since we looked must find it held, or release it now.
        settle(claimed.partnerId(), claimed.customerId());
        return true;
    }

    private void apply(String partnerId, String customerId, Suspension suspension) {
        Instant now = clock.instant();
        if (suspension.suspended()) {
            long held = store.holdForSuspension(partnerId, customerId, now);
            if (held > 0) {
                log.info("Customer {} suspended as of {}: {} e-mail(s) held", customerId, suspension.at(), held);
            }
            return;
        }
        SuspensionHoldStore.Released released = store.releaseSuspended(partnerId, customerId, suspension.at(), now);
        if (released.released() + released.cancelled() > 0) {
            log.info("Customer {} resumed as of {}: {} e-mail(s) released, {} with an expired activation link"
                    + " cancelled", customerId, suspension.at(), released.released(), released.cancelled());
        }
    }
}
