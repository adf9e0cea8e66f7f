package io.provisio.devstack.store;

import java.util.List;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Which index serves a query. mongo-java-server takes the first index that can; MongoDB's planner tries the
 * candidates and keeps the one that finds the answer soonest. With several non-unique indexes able to serve a query
 * (an e-mail's {@code {sagaId, partnerId, status}} is served by {@code by_customer} on the partner alone and by
 * {@code by_saga} on the saga), the first one could read every document of the partner where another reads two
 * (docs/PERFORMANCE.md, run 19). So: a unique index that pins the query wins (it yields at most one document);
 * otherwise the non-unique index that yields the fewest candidates, counted only as far as the best so far.
 */
final class IndexChoice {

    private IndexChoice() {
    }

    /** The index to read, or {@code null} when none can serve the query (the collection is then read whole). */
    static <P> Index<P> narrowest(List<Index<P>> indexes, Document query) {
        SecondaryIndex<P> best = null;
        long fewest = Long.MAX_VALUE;
        for (Index<P> index : indexes) {
            if (!index.canHandle(query)) {
                continue;
            }
            if (!(index instanceof SecondaryIndex<P> secondary)) {
                return index;
            }
            if (best == null) {
                best = secondary;
                continue;
            }
            if (fewest == Long.MAX_VALUE) {
                fewest = best.candidates(query, Long.MAX_VALUE);
            }
            long candidates = secondary.candidates(query, fewest);
            if (candidates < fewest) {
                best = secondary;
                fewest = candidates;
            }
        }
        return best;
    }
}
