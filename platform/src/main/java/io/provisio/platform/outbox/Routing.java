package io.provisio.platform.outbox;

/**
 * Whether a published message must reach a queue, decided by whoever writes it (ADR 020), never by the
 * channel's name. The broker confirms both kinds; they differ in what a return (no queue bound) means.
 */
public enum Routing {

    /**
     * A command or a saga reply: its one consumer must get it. A return counts as a failure, so the message stays
     * in the outbox and is tried again until the consumer's queue exists.
     */
    REQUIRED,

    /**
     * A domain event, or a dry run's answer: it goes to whoever subscribes, maybe nobody (no subscriber yet, an
     * asker that gave up). A return is normal and the message counts as published.
     */
    OPTIONAL
}
