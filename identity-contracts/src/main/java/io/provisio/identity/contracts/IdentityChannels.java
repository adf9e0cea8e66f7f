package io.provisio.identity.contracts;

/** Channels identity-service owns. */
public final class IdentityChannels {

    /** Commands to identity (CREATE_ADMINISTRATOR and its compensation). */
    public static final String COMMANDS = "identity-commands";

    /** Domain events about users (created, deleted) and their activation links (a new one asked for). */
    public static final String EVENTS = "identity-events";

    private IdentityChannels() {
    }
}
