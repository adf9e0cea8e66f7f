package io.provisio.platform.messaging.retry;

import io.micrometer.core.instrument.Counter;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * The retry a consumer binding runs each delivery under, in place of the binder's own (ADR 010):
 * <ul>
 *   <li>an {@linkplain FailureClassifier.Failure#OUTAGE outage} never counts as an attempt: the delivery is
 *       held and tried again with a capped back-off ({@link ConsumerOutages}) for as long as it lasts, then
 *       gets the bounded attempts afresh;</li>
 *   <li>{@linkplain FailureClassifier.Failure#RETRY other failures} get the binding's bounded attempts
 *       ({@code max-attempts}, {@code back-off-*}) and then go to the binder's recoverer, the DLQ;</li>
 *   <li>{@linkplain FailureClassifier.Failure#POISON poison} goes to the recoverer at once;</li>
 *   <li>while the application stops, a failed delivery is given back to the queue
 *       ({@link ImmediateRequeueAmqpException}, which the listener container honours even though the binder
 *       does not requeue rejected messages), never dead-lettered.</li>
 * </ul>
 * The inbound adapter only hands a {@link RetryException} to the recoverer; any other exception thrown here
 * goes straight to the listener container, which is how a delivery is given back.
 */
final class ConsumerRetry extends RetryTemplate {

    private final String queue;
    private final ConsumerOutages outages;
    private final Counter failures;

    /**
     * @param bounded must not retry outages or poison (see {@link ConsumerRetryCustomizer}), or an outage
     *                would spend the bounded attempts before this class sees it
     */
    ConsumerRetry(String queue, RetryPolicy bounded, ConsumerOutages outages, Counter failures) {
        super(bounded);
        this.queue = queue;
        this.outages = outages;
        this.failures = failures;
    }

    @Override
    public <R> R execute(Retryable<R> retryable) throws RetryException {
        ConsumerOutages.Outage outage = null;
        try {
            while (true) {
                try {
                    return super.execute(counted(retryable));
                } catch (RetryException failed) {
                    Throwable last = failed.getLastException() != null ? failed.getLastException() : failed;
                    // Interrupted: the container is being torn down, possibly during the bounded back-off.
                    if (outages.stopping() || Thread.currentThread().isInterrupted()) {
                        throw giveBack(last);
                    }
                    if (FailureClassifier.classify(last) != FailureClassifier.Failure.OUTAGE) {
                        throw forRecoverer(last);
                    }
                    if (outage == null) {
                        outage = outages.begin(queue, last);
                    }
                    if (!outage.pause(last)) {
                        throw giveBack(last);
                    }
                }
            }
        } finally {
            if (outage != null) {
                outage.close();
            }
        }
    }

    /** Counts each failed attempt of the handler, except those an outage caused (they are waited out apart). */
    private <R> Retryable<R> counted(Retryable<R> retryable) {
        return new Retryable<>() {
            @Override
            public R execute() throws Throwable {
                try {
                    return retryable.execute();
                } catch (Throwable failure) {
                    if (FailureClassifier.classify(failure) != FailureClassifier.Failure.OUTAGE) {
                        failures.increment();
                    }
                    throw failure;
                }
            }

            @Override
            public String getName() {
                return retryable.getName();
            }
        };
    }

    /**
     * The binder writes this exception's message into the dead letter's {@code x-exception-message}; the
     * template's own ("Retry policy ... exhausted") would tell an operator nothing; the innermost cause is
     * the handler's or the driver's own words.
     */
    private static RetryException forRecoverer(Throwable last) {
        Throwable root = FailureClassifier.rootCause(last);
        return new RetryException(root.getClass().getSimpleName() + ": " + root.getMessage(), last);
    }

    private ImmediateRequeueAmqpException giveBack(Throwable cause) {
        return new ImmediateRequeueAmqpException("Consumer of " + queue + " is stopping: message given back", cause);
    }
}
