package io.provisio.customer.onboarding.application;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.Optional;

import io.provisio.customer.onboarding.domain.Onboarding;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.customer.onboarding.domain.SagaCommand;
import io.provisio.customer.onboarding.domain.SagaOutcome;

/** Where onboardings live. Every write stores the state and the commands it sends atomically. */
public interface OnboardingRepository {

    /**
     * Stores a new onboarding and reserves its account name for its partner.
     *
     * @param idempotencyKey the partner's key, or {@code null}
     * @throws AccountNameTakenException when a live onboarding of the partner holds the name, or
     *                                   (in a race) when the key was stored meanwhile: look it up
     */
    void insert(Onboarding onboarding, List<SagaCommand> commands, IdempotencyKey idempotencyKey);

    /** The onboarding a partner started with this Idempotency-Key, with the digest of its request. */
    Optional<KeyedOnboarding> findByIdempotencyKey(String partnerId, String key);

    /** An onboarding and the request digest its Idempotency-Key was stored with. */
    record KeyedOnboarding(Onboarding onboarding, String requestDigest) {
    }

    /**
     * @param announcements how the onboarding ended, published on {@code customer-events} in the same write
     * @return false when the stored version moved on (another replica or reply won): reload and retry
     */
    boolean update(Onboarding onboarding, List<SagaCommand> commands, List<SagaOutcome> announcements);

    Optional<Onboarding> find(String id);

    /** The status of each of the partner's onboardings among {@code ids}; an unknown id is left out. */
    Map<String, OnboardingStatus> statuses(String partnerId, Collection<String> ids);

    /** Whether a live (not FAILED) onboarding of the partner holds the account name. */
    boolean accountNameInUse(String partnerId, String accountName);

    Optional<Onboarding> find(String partnerId, String id);

    /** The partner's onboarding as its resource shows it, read without its request. */
    Optional<OnboardingSummary> summary(String partnerId, String id);

    List<OnboardingSummary> list(String partnerId, OnboardingStatus status, int page, int size);

    long count(String partnerId, OnboardingStatus status);

    /** Ids of onboardings whose waiting step's deadline has passed, oldest first. */
    List<String> overdueIds(Instant now, int limit);

    /**
     * The operator's list: onboardings of every partner in one of {@code statuses}, not changed since
     * {@code unchangedSince} (null: any), the longest unchanged first.
     */
    List<OperatorOnboarding> acrossPartners(Set<OnboardingStatus> statuses, Instant unchangedSince, int page, int size);

    long countAcrossPartners(Set<OnboardingStatus> statuses, Instant unchangedSince);

    long countInFlight();

    /**
     * Onboardings the sweeper is late for (deadline before {@code overdueSince}), or waiting on a step whose
     * command (action or compensation) went out {@code attempts} times or more without an answer.
     */
    long countStuck(Instant overdueSince, int attempts);
}
