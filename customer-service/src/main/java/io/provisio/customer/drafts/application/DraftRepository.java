package io.provisio.customer.drafts.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.provisio.customer.drafts.domain.Draft;

/** Where drafts are kept. Every method is scoped by the partner: another partner's draft is not there. */
public interface DraftRepository {

    void insert(Draft draft);

    Optional<Draft> find(String partnerId, String id);

    /** The partner's drafts, the last changed first. */
    List<Draft> list(String partnerId, int skip, int limit);

    long count(String partnerId);

    /** Replaces the draft only while it is still at {@code expectedVersion}; false when it is not (or gone). */
    boolean replace(Draft draft, long expectedVersion);

    boolean delete(String partnerId, String id);

    /** Deletes every partner's drafts last saved before {@code cutoff} (the retention sweep); how many went. */
    long deleteSavedBefore(Instant cutoff);
}
