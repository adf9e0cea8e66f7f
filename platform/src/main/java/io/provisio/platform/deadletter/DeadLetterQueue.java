package io.provisio.platform.deadletter;

/**
 * One consumer binding's dead-letter queue.
 *
 * @param name        {@code <destination>.<group>.dlq}, as the binder declares it
 * @param queue       the consumer queue its messages came from and are redriven to, {@code <destination>.<group>}
 * @param destination the binding's exchange
 * @param group       the consumer group, which is the application name for every shared queue
 */
public record DeadLetterQueue(String name, String queue, String destination, String group) {

    static final String SUFFIX = ".dlq";
    static final String REDRIVE_SUFFIX = ".redrive";

    /**
     * The exchange a redrive publishes through, {@code <queue>.redrive}: bound to {@link #queue} alone, so the
     * service needs no write permission on the default exchange, which reaches every queue (ADR 013).
     */
    public String redriveExchange() {
        return queue + REDRIVE_SUFFIX;
    }

    static DeadLetterQueue of(String destination, String group) {
        String queue = destination + "." + group;
        return new DeadLetterQueue(queue + SUFFIX, queue, destination, group);
    }
}
