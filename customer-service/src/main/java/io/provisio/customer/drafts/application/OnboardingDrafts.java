package io.provisio.customer.drafts.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.provisio.customer.drafts.domain.Draft;
import io.provisio.ids.Ids;
import io.provisio.platform.refusal.Refusal;
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

    /** A draft saved from a version that is no longer its latest: someone else saved in between. */
    public static final String DRAFT_CHANGED = "DRAFT_CHANGED";
    static final String DRAFT_LIMIT_REACHED = "DRAFT_LIMIT_REACHED";

    private final DraftRepository drafts;
    private final Clock clock;

    OnboardingDrafts(DraftRepository drafts, Clock clock) {
        this.drafts = drafts;
        this.clock = clock;
    }

    /** @throws Refusal DRAFT_LIMIT_REACHED when the partner keeps {@link #MAX_DRAFTS_PER_PARTNER} drafts already */
    public Draft create(String partnerId, Draft.Content content, String by) {
        if (drafts.count(partnerId) >= MAX_DRAFTS_PER_PARTNER) {
            throw Refusal.conflict(DRAFT_LIMIT_REACHED, "Too many drafts", "A partner keeps at most "
                    + MAX_DRAFTS_PER_PARTNER + " drafts; submit or delete some first");
        }
        Draft draft = Draft.create(Ids.newId("drf"), partnerId, content, now(), by);
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
     * @return the new version
     * @throws Refusal NOT_FOUND when the partner has no such draft; {@link #DRAFT_CHANGED} when the draft has moved on
     *                 since {@code expectedVersion}
     */
    public Draft replace(String partnerId, String id, OptionalLong expectedVersion, Draft.Content content,
                         String by) {
        Draft current = drafts.find(partnerId, id).orElseThrow(() -> Refusal.notFound("Draft", id));
        long version = current.version();
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != version) {
            throw changed(version, expectedVersion.getAsLong());
        }
        Draft next = current.replacedBy(content, now(), by);
        if (drafts.replace(next, version)) {
            return next;
        }
        // Another save (or a delete) won between our read and our write.
        Draft now = drafts.find(partnerId, id).orElseThrow(() -> Refusal.notFound("Draft", id));
        throw changed(now.version(), version);
    }

    private static Refusal changed(long current, long madeFrom) {
        return Refusal.conflict(DRAFT_CHANGED, "The draft has changed", "Someone saved version " + current
                + " of this draft since version " + madeFrom + "; read it again and make the change there");
    }

    /** The retention sweep's delete: drafts nobody saved since {@code cutoff}, of every partner. */
    public long deleteSavedBefore(Instant cutoff) {
        return drafts.deleteSavedBefore(cutoff);
    }

    /** To the millisecond, as the store keeps it, so that an answer and a later read of the draft agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public boolean delete(String partnerId, String id) {
        return drafts.delete(partnerId, id);
    }
}
