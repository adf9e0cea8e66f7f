package io.provisio.identity.contracts;

/** Channels identity-service owns. */
public final class IdentityChannels {

    /** Commands to identity (CREATE_ADMINISTRATOR and its compensation). */
    public static final String COMMANDS = "identity-commands";

    /** Domain events about users (created, deleted) and their activation links (a new one asked for). */
    public static final String EVENTS = "identity-events";

    /**
     * customer-service's answers to the setup page's sub-domain questions (ADR 026). Every identity-service instance
     * reads them from its own non-durable queue and keeps the ones it waits for.
     */
    public static final String SETUP_REPLIES = "setup-replies";

    private IdentityChannels() {
    }
}
