package io.provisio.customer.onboarding.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.provisio.customer.onboarding.domain.Decision;
import io.provisio.customer.onboarding.domain.Onboarding;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.customer.onboarding.domain.OnboardingSaga;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.customer.onboarding.domain.SagaEvent;
import io.provisio.customer.onboarding.domain.StepReply;
import io.provisio.ids.Ids;
import io.provisio.platform.observability.SagaMetrics;
import io.provisio.platform.web.Page;
import io.provisio.platform.refusal.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Feeds the saga its inputs and stores each decision with its commands in one atomic write.
 * Two replies racing on one onboarding (or a reply racing the deadline sweeper, on any replica)
 * are serialised by the optimistic lock: the loser reloads and decides again on fresh state.
 */
@Service
public class OnboardingService {

    private static final Logger log = LoggerFactory.getLogger(OnboardingService.class);
    private static final int MAX_CONFLICTS = 20;

    private final OnboardingRepository onboardings;
    private final ParentCustomers parents;
    private final DomainClaims domains;
    private final OnboardingSaga saga;
    private final SagaMetrics metrics;
    private final Clock clock;
    /** Until then no step times out: replies that waited in the queue while this process was down come first. */
    private final Instant timeoutsFrom;

    OnboardingService(OnboardingRepository onboardings, ParentCustomers parents, DomainClaims domains,
                      OnboardingSaga saga, SagaMetrics metrics, Clock clock, OnboardingProperties properties) {
        this.onboardings = onboardings;
        this.parents = parents;
        this.domains = domains;
        this.saga = saga;
        this.metrics = metrics;
        this.clock = clock;
        this.timeoutsFrom = clock.instant().plus(properties.startupGrace());
    }

    /** An onboarding, and whether this call created it (false: an Idempotency-Key replay). */
    public record Started(Onboarding onboarding, boolean created) {
    }

    /**
     * Starts an onboarding: stores it with its first command. With an Idempotency-Key, a repeat of
     * the same request answers the onboarding the first one started, even when both race.
     *
     * @param idempotencyKey the partner's key, or {@code null}
     * @throws Refusal {@link StartRefusal}'s: ACCOUNT_NAME_TAKEN when the partner already has a live customer of that
     *                 name; IDEMPOTENCY_KEY_REUSED when the key came before with another request; PARENT_NOT_FOUND
     *                 when the named parent may not have this customer as a child; DOMAIN_TAKEN when another customer
     *                 holds one of the domains already (a claim made meanwhile fails the onboarding at
     *                 REGISTER_CUSTOMER instead); SUBDOMAIN_TAKEN when another partner's customer holds the account
     *                 name's platform sub-domain (likewise decided at REGISTER_CUSTOMER when concurrent)
     */
    public Started start(String partnerId, OnboardingRequest asked, String traceparent,
                         IdempotencyKey idempotencyKey) {
        try {
            return startOrThrow(partnerId, asked, traceparent, idempotencyKey);
        } catch (RuntimeException e) {
            throw StartRefusal.of(e, asked).orElseThrow(() -> e);
        }
    }

    private Started startOrThrow(String partnerId, OnboardingRequest asked, String traceparent,
                                 IdempotencyKey idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<OnboardingRepository.KeyedOnboarding> earlier =
                    onboardings.findByIdempotencyKey(partnerId, idempotencyKey.key());
            if (earlier.isPresent()) {
                return replay(earlier.get(), idempotencyKey);
            }
        }
        OnboardingRequest request = complete(partnerId, asked);
        // Early answers, account name first: the insert's reservation and REGISTER_CUSTOMER's domain claim are
        // what decide between concurrent onboardings. A request with the same key may have started the one
        // that holds the name or the domains: then that onboarding is the answer.
        if (onboardings.accountNameInUse(partnerId, request.customer().accountName())) {
            return winner(partnerId, idempotencyKey)
                    .orElseThrow(() -> new AccountNameTakenException(request.customer().accountName()));
        }
        // One read for the sub-domain and the domains; the sub-domain answers first.
        String subdomain = domains.subdomainOf(request.customer().accountName());
        List<String> taken = new ArrayList<>(domains.claimed(domains.claimsOf(request.customer().accountName(),
                request.customer().domains())));
        if (taken.remove(subdomain)) {
            return winner(partnerId, idempotencyKey).orElseThrow(() -> new SubdomainTakenException(subdomain));
        }
        if (!taken.isEmpty()) {
            return winner(partnerId, idempotencyKey).orElseThrow(() -> new DomainTakenException(taken));
        }
        Instant now = clock.instant();
        Onboarding onboarding = Onboarding.create(Ids.newId("onb"), partnerId,
                Ids.newId("cus"), traceparent, request, now);
        Decision decision = saga.start(onboarding, now);
        try {
            onboardings.insert(onboarding, decision.commands(), idempotencyKey);
        } catch (AccountNameTakenException e) {
            // A concurrent request with the same key may have won the insert: answer its onboarding.
            return winner(partnerId, idempotencyKey).orElseThrow(() -> e);
        }
        metrics.started();
        log.info("Onboarding {} started for account {}", onboarding.id(), onboarding.accountName());
        // What was stored is this object; reading it back would only cost a round trip.
        return new Started(onboarding, true);
    }

    /**
     * The request as the saga runs it: inherited from the parent where the partner gave nothing, then
     * defaults. REGISTER_CUSTOMER checks the parent again when it stores the customer.
     *
     * @throws ParentNotFoundException when the named parent may not have this customer as a child
     */
    public OnboardingRequest complete(String partnerId, OnboardingRequest asked) {
        String parentId = asked.customer().parentCustomerId();
        if (parentId == null) {
            return asked.withDefaults();
        }
        ParentCustomers.Parent parent = parents.acceptingChildren(partnerId, parentId)
                .orElseThrow(() -> new ParentNotFoundException(parentId));
        return asked.inheritingFrom(parent.locale(), parent.businessType(), parent.emergencyContactEmail())
                .withDefaults();
    }

    /** Whether the partner's customer may be named as a parent (the dry run's question). */
    public boolean mayBeParent(String partnerId, String parentCustomerId) {
        return parents.acceptingChildren(partnerId, parentCustomerId).isPresent();
    }

    /** The onboarding a request with the same key started, answered as a replay (or refused as a reuse). */
    private Optional<Started> winner(String partnerId, IdempotencyKey idempotencyKey) {
        return idempotencyKey == null ? Optional.empty()
                : onboardings.findByIdempotencyKey(partnerId, idempotencyKey.key()).map(w -> replay(w, idempotencyKey));
    }

    private static Started replay(OnboardingRepository.KeyedOnboarding earlier, IdempotencyKey key) {
        if (!key.sameRequestAs(earlier.requestDigest())) {
            throw StartRefusal.keyReused();
        }
        return new Started(earlier.onboarding(), false);
    }

    /** Applies a participant's reply; a duplicate or late reply changes nothing. */
    public void onReply(String sagaId, String partnerId, StepReply reply) {
        decide(sagaId, onboarding -> {
            if (!onboarding.partnerId().equals(partnerId)) {
                log.warn("Ignored a {} reply for onboarding {}: it names another partner", reply.step(), sagaId);
                return null;
            }
            return saga.onReply(onboarding, reply, clock.instant());
        });
    }

    /** Re-sends or times out what waited too long. Any replica may call it; the lock keeps it single. */
    public int sweepDeadlines(int limit) {
        List<String> overdue = onboardings.overdueIds(clock.instant(), limit);
        for (String id : overdue) {
            try {
                decide(id, fresh -> saga.onDeadline(fresh, clock.instant(), !clock.instant().isBefore(timeoutsFrom)));
            } catch (RuntimeException e) {
                // One onboarding that cannot be decided must not hold back every other deadline.
                log.error("Deadline of onboarding {} could not be handled; will retry", id, e);
                metrics.sweepFailed();
            }
        }
        return overdue.size();
    }

    public Optional<Onboarding> find(String partnerId, String id) {
        return onboardings.find(partnerId, id);
    }

    /** What an operator's action on an onboarding did. */
    public enum OperatorOutcome {
        /** Done: the command went out again, or compensation began. */
        DONE,
        /** No onboarding has this id. */
        UNKNOWN,
        /** Finished (COMPLETED or FAILED): nothing waits, nothing to retry or undo. */
        FINISHED,
        /** Compensation asked while it already runs: retry it instead. */
        ALREADY_COMPENSATING,
        /** Compensation asked once ACTIVATE_CUSTOMER has begun: from there on the onboarding completes. */
        PAST_POINT_OF_NO_RETURN
    }

    /**
     * An operator's action and the onboarding as it left it (the same read the decision was made on, so the answer
     * needs no second one).
     *
     * @param onboarding empty when {@code outcome} is UNKNOWN
     */
    public record OperatorResult(OperatorOutcome outcome, Optional<Onboarding> onboarding) {
    }

    /** The operator's retry: the waiting step's command (or compensation) goes out again now, on any partner's saga. */
    public OperatorResult retry(String id) {
        Optional<Onboarding> after = decide(id, onboarding -> saga.retryNow(onboarding, clock.instant()));
        return new OperatorResult(after.map(o -> o.status().isTerminal() ? OperatorOutcome.FINISHED
                : OperatorOutcome.DONE).orElse(OperatorOutcome.UNKNOWN), after);
    }

    /**
     * The operator's forced compensation: the running step fails with OPERATOR_ABORTED and everything done so far
     * is undone, unless the onboarding is past its point of no return.
     */
    public OperatorResult compensate(String id, String reason) {
        // Decided on the state the write is conditional on (a reply may race the operator).
        AtomicBoolean begun = new AtomicBoolean();
        Optional<Onboarding> after = decide(id, onboarding -> {
            begun.set(OnboardingSaga.mayForceCompensation(onboarding));
            return begun.get() ? saga.forceCompensation(onboarding, reason, clock.instant()) : Decision.UNCHANGED;
        });
        return new OperatorResult(after.map(o -> begun.get() ? OperatorOutcome.DONE : switch (o.status()) {
            case COMPLETED, FAILED -> OperatorOutcome.FINISHED;
            case COMPENSATING -> OperatorOutcome.ALREADY_COMPENSATING;
            case IN_PROGRESS -> OperatorOutcome.PAST_POINT_OF_NO_RETURN;
        }).orElse(OperatorOutcome.UNKNOWN), after);
    }

    /** The operator's list across partners; {@code statuses} empty means those in flight. */
    public Page<OperatorOnboarding> acrossPartners(Set<OnboardingStatus> statuses, Duration unchangedFor, int page,
                                                   int size) {
        Set<OnboardingStatus> wanted = statuses.isEmpty()
                ? EnumSet.of(OnboardingStatus.IN_PROGRESS, OnboardingStatus.COMPENSATING) : statuses;
        Instant since = unchangedFor == null ? null : clock.instant().minus(unchangedFor);
        return new Page<>(onboardings.acrossPartners(wanted, since, page, size), page, size,
                onboardings.countAcrossPartners(wanted, since));
    }

    /**
     * Applies a decision on the onboarding as stored, again on fresh state after losing a race.
     *
     * @return the onboarding after the decision (unchanged when the decider changed nothing), empty if unknown
     */
    private Optional<Onboarding> decide(String sagaId, Function<Onboarding, Decision> decider) {
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            Optional<Onboarding> found = onboardings.find(sagaId);
            if (found.isEmpty()) {
                log.warn("Ignored input for unknown onboarding {}", sagaId);
                return found;
            }
            Onboarding onboarding = found.get();
            Decision decision = decider.apply(onboarding);
            if (decision == null || !decision.changed()) {
                return found;
            }
            if (onboardings.update(onboarding, decision.commands(), decision.announcements())) {
                record(decision);
                return found;
            }
        }
        throw new IllegalStateException("onboarding " + sagaId + " kept changing under " + MAX_CONFLICTS
                + " attempts; the message will be retried");
    }

    private void record(Decision decision) {
        for (SagaEvent event : decision.events()) {
            switch (event) {
                case SagaEvent.StepFinished step ->
                        metrics.stepFinished(step.step().name(), step.outcome().name(), step.duration());
                case SagaEvent.SagaFinished finished -> {
                    if (finished.failure() == null) {
                        metrics.completed(finished.duration());
                    } else {
                        metrics.failed(finished.failure().step().name(), finished.failure().code(),
                                finished.duration());
                    }
                }
            }
        }
    }
}
