package io.provisio.platform.messaging.retry;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.rabbitmq.client.ShutdownSignalException;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.outbox.PublishFailedException;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * The one place that decides what a consumer's failure means (ADR 010). The whole cause chain is read,
 * because the binder and Spring Data wrap what the handler or the driver threw.
 */
public final class FailureClassifier {

    /** What to do with a delivery whose handling failed. */
    public enum Failure {
        /** The message can never succeed (malformed, unknown type, rejected for good): dead-letter it now. */
        POISON,
        /**
         * MongoDB or the broker cannot be reached: not the message's fault, so it never counts as an
         * attempt. The consumer keeps the delivery and tries again until the dependency is back.
         */
        OUTAGE,
        /** Anything else: a few attempts with back-off, then the dead-letter queue. */
        RETRY
    }

    /** Error label the MongoDB driver and server put on errors a retryable write may simply repeat. */
    private static final String RETRYABLE_WRITE_ERROR = "RetryableWriteError";

    private FailureClassifier() {
    }

    public static Failure classify(Throwable failure) {
        // Poison first: a handler that rejected the message for good is believed even if an outage
        // shows up further down the chain.
        if (anyInChain(failure, FailureClassifier::rejectsForGood)) {
            return Failure.POISON;
        }
        return anyInChain(failure, FailureClassifier::unreachable) ? Failure.OUTAGE : Failure.RETRY;
    }

    private static boolean rejectsForGood(Throwable t) {
        return t instanceof MalformedMessageException || t instanceof AmqpRejectAndDontRequeueException;
    }

    private static boolean unreachable(Throwable t) {
        return isMongoOutage(t) || isBrokerOutage(t)
                // Spring Data's translation of the driver's socket and time-out errors, and of a node that
                // cannot take the write right now; not TransientDataAccessException as a whole, which
                // includes optimistic-locking conflicts that a retry loop without end would never escape.
                || t instanceof DataAccessResourceFailureException
                || t instanceof TransientDataAccessResourceException
                || t instanceof PublishFailedException published && published.brokerUnreachable();
    }

    /**
     * Connection, server selection and failover errors. {@code MongoExecutionTimeoutException} (a query
     * over its {@code maxTimeMS}) is left out on purpose: a query that is too slow stays too slow.
     */
    private static boolean isMongoOutage(Throwable t) {
        return t instanceof MongoSocketException
                || t instanceof MongoTimeoutException
                || t instanceof MongoNotPrimaryException
                || t instanceof MongoNodeIsRecoveringException
                || t instanceof MongoConnectionPoolClearedException
                || t instanceof MongoServerUnavailableException
                // The consumer thread was interrupted (shutdown): give the message back, never dead-letter it.
                || t instanceof MongoInterruptedException
                || t instanceof MongoException mongo && mongo.hasErrorLabel(RETRYABLE_WRITE_ERROR);
    }

    /**
     * Cannot connect, no answer in time, or the connection was closed under us. A channel-level error
     * (e.g. an exchange that does not exist) is a mistake, not an outage, and stays a {@link Failure#RETRY}.
     */
    private static boolean isBrokerOutage(Throwable t) {
        return t instanceof AmqpConnectException
                || t instanceof AmqpTimeoutException
                || t instanceof ShutdownSignalException shutdown && shutdown.isHardError();
    }

    /** The innermost cause: the handler's or the driver's own words, under the binder's wrappers. */
    static Throwable rootCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = failure;
        while (seen.add(root) && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    private static boolean anyInChain(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }
}
