package io.provisio.devstack.store;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Which index serves a query. mongo-java-server takes the first index that can; MongoDB's planner tries the
 * candidates and keeps the one that finds the answer soonest. With several non-unique indexes able to serve a query
 * (an e-mail's {@code {sagaId, partnerId, status}} is served by {@code by_customer} on the partner alone and by
 * {@code by_saga} on the saga), the first one could read every document of the partner where another reads two
 * (docs/PERFORMANCE.md, run 19). So: a unique index that pins the query wins (it yields at most one document);
 * otherwise the non-unique index that yields the fewest candidates. They are counted side by side with a bound that
 * grows eightfold until one index's range ends within it, so choosing costs about as much as reading the narrowest
 * index, never as much as the widest: counting the first index through cost every {@code releaseHeld} all of its
 * partner's e-mails, which grew with the data (run 20).
 */
final class IndexChoice {

    private static final long FIRST_BOUND = 16;

    private IndexChoice() {
    }

    /** The index to read, or {@code null} when none can serve the query (the collection is then read whole). */
    static <P> Index<P> narrowest(List<Index<P>> indexes, Document query) {
        List<SecondaryIndex<P>> serving = new ArrayList<>();
        for (Index<P> index : indexes) {
            if (!index.canHandle(query)) {
                continue;
            }
            if (!(index instanceof SecondaryIndex<P> secondary)) {
                return index;
            }
            serving.add(secondary);
        }
        if (serving.size() < 2) {
            return serving.isEmpty() ? null : serving.getFirst();
        }
        // At Long.MAX_VALUE every range ends within the bound, so the loop always returns.
        for (long bound = FIRST_BOUND; ; bound = bound > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : bound * 8) {
            SecondaryIndex<P> best = null;
            long atMost = bound;
            for (SecondaryIndex<P> index : serving) {
                long candidates = index.candidates(query, atMost);
                if (candidates <= atMost) {
                    best = index;
                    atMost = candidates - 1;
                }
            }
            if (best != null) {
                return best;
            }
        }
    }
}
