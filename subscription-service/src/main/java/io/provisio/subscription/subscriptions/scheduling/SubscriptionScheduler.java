package io.provisio.subscription.subscriptions.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.OutgoingMessage;
import io.provisio.platform.time.PeriodicWorker;
import io.provisio.subscription.contracts.SubscriptionActivated;
import io.provisio.subscription.contracts.SubscriptionChannels;
import io.provisio.subscription.contracts.SubscriptionMessages;
import io.provisio.subscription.inventory.application.Inventory;
import io.provisio.subscription.subscriptions.application.SubscriptionChanges;
import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.persistence.SchedulerClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Turns SCHEDULED subscriptions ACTIVE on their start date and finishes units changes whose
 * request died. Every replica runs one; they share the work through MongoDB alone: each
 * subscription is claimed with one find-and-modify and a lease, and activated by one
 * single-document update that also queues {@code SubscriptionActivated} in the document's outbox.
 * Nothing is held in memory: after downtime the first round activates everything that became due
 * meanwhile (the query is "start date on or before today", not "today").
 *
 * <p>"Today" is the UTC calendar day of the injected {@link Clock}; tests move that clock.
 */
@Component
@EnableConfigurationProperties(SchedulerProperties.class)
public class SubscriptionScheduler extends PeriodicWorker {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionScheduler.class);

    private final SchedulerClaims claims;
    private final SubscriptionChanges changes;
    private final Inventory inventory;
    private final MessageCodec codec;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final Counter activated;
    private final String owner = "scheduler-" + UUID.randomUUID();

    SubscriptionScheduler(SchedulerClaims claims, SubscriptionChanges changes, MessageCodec codec,
                          SchedulerProperties properties, Clock clock, MeterRegistry meters, Inventory inventory) {
        // Starts late and stops early: MongoDB and the outbox relay outlive it.
        super("subscription-scheduler", properties.interval(), Integer.MAX_VALUE - 200);
        this.claims = claims;
        this.inventory = inventory;
        this.changes = changes;
        this.codec = codec;
        this.properties = properties;
        this.clock = clock;
        this.activated = Counter.builder("provisio.subscription.activated")
                .description("Subscriptions the scheduler turned ACTIVE on their start date").register(meters);
    }

    /** @return how many subscriptions this call activated */
    public int activateDue() {
        int count = 0;
        while (active()) {
            // Millisecond precision, as stored: the event and the document then say the same instant.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Optional<Subscription> claimed = claims.claimDue(Subscription.today(clock), now,
                    properties.activationLease(), owner);
            if (claimed.isEmpty()) {
                return count;
            }
            Subscription s = claimed.get();
            SubscriptionActivated event = new SubscriptionActivated(s.customerId(), s.id(), s.planCode(), s.units(),
                    s.startDate(), now);
            OutgoingMessage message = OutgoingMessage.toSubscribers(SubscriptionChannels.EVENTS,
                    codec.event(SubscriptionMessages.EVENTS, s.partnerId(), null, event));
            if (claims.activate(s, owner, now, message)) {
                activated.increment();
                count++;
                log.info("Activated subscription {} ({} of customer {}), start date {}", s.id(), s.planCode(),
                        s.customerId(), s.startDate());
            } else {
                // Its units changed or it was cancelled since the claim: let the next round look again.
                claims.releaseClaim(s.id(), owner);
            }
        }
        return count;
    }

    /** @return how many interrupted changes this call finished or abandoned */
    public int recoverStaleChanges() {
        int count = 0;
        while (active()) {
            Instant now = clock.instant();
            Optional<SchedulerClaims.StaleChange> stale = claims.claimStaleChange(
                    now.minus(properties.staleChangeAfter()), now);
            if (stale.isEmpty()) {
                return count;
            }
            changes.recover(stale.get().subscription(), stale.get().change());
            count++;
        }
        return count;
    }

    /** A failed round (MongoDB away for a moment) is logged by the worker; claims taken meanwhile expire. */
    @Override
    protected void round() {
        activateDue();
        recoverStaleChanges();
        inventory.recoverInterrupted();
    }
}
