package io.provisio.customer.drafts.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.provisio.customer.drafts.domain.Draft;
import org.springframework.stereotype.Service;

/**
 * A partner's drafts. Any of the partner's staff (or its API client) may read, change or delete any of its drafts:
 * they are the partner's, not one person's. Concurrent edits are caught by the version: a change names the version
 * it was made from and is refused when another was saved in between, so nobody's save silently overwrites another's.
 */
@Service
public class OnboardingDrafts {

    /** Bounds what one partner can store: drafts are for work in progress, not an archive. */
    public static final int MAX_DRAFTS_PER_PARTNER = 500;

    private final DraftRepository drafts;
    private final Clock clock;

    OnboardingDrafts(DraftRepository drafts, Clock clock) {
        this.drafts = drafts;
        this.clock = clock;
    }

    /** @throws DraftLimitException when the partner keeps {@link #MAX_DRAFTS_PER_PARTNER} drafts already */
    public Draft create(String partnerId, Draft.Content content, String by) {
        if (drafts.count(partnerId) >= MAX_DRAFTS_PER_PARTNER) {
            throw new DraftLimitException(MAX_DRAFTS_PER_PARTNER);
        }
        Draft draft = Draft.create("drf-" + UUID.randomUUID(), partnerId, content, now(), by);
        drafts.insert(draft);
        return draft;
    }

    public Optional<Draft> get(String partnerId, String id) {
        return drafts.find(partnerId, id);
    }

    public List<Draft> list(String partnerId, int skip, int limit) {
        return drafts.list(partnerId, skip, limit);
    }

    public long count(String partnerId) {
        return drafts.count(partnerId);
    }

    /**
     * Replaces the draft's content, if it is still at {@code expectedVersion} (empty: whatever version it is at).
     *
     * @return the new version, or empty when the partner has no such draft
     * @throws StaleDraftException when the draft has moved on since {@code expectedVersion}
     */
    public Optional<Draft> replace(String partnerId, String id, OptionalLong expectedVersion, Draft.Content content,
                                   String by) {
        Optional<Draft> current = drafts.find(partnerId, id);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        long version = current.get().version();
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != version) {
            throw new StaleDraftException(id, version);
        }
        Draft next = current.get().replacedBy(content, now(), by);
        if (drafts.replace(next, version)) {
            return Optional.of(next);
        }
        // Another save (or a delete) won between our read and our write.
        Draft now = drafts.find(partnerId, id).orElse(null);
        if (now == null) {
            return Optional.empty();
        }
        throw new StaleDraftException(id, now.version());
    }

    /** To the millisecond, as the store keeps it, so that an answer and a later read of the draft agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public boolean delete(String partnerId, String id) {
        return drafts.delete(partnerId, id);
    }
}
