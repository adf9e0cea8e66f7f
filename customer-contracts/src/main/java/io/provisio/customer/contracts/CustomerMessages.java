package io.provisio.customer.contracts;

import io.provisio.messages.MessageTypes;

/**
 * The wire names of customer-service's messages (ADR 020), pinned by {@code contracts/message-types.json}.
 * Decode and name messages only through these registries, never through a string.
 */
public final class CustomerMessages {

    public static final MessageTypes<CustomerMessage> ALL = MessageTypes.of(CustomerMessage.class);

    /** On {@link CustomerChannels#COMMANDS}. */
    public static final MessageTypes<CustomerCommand> COMMANDS = MessageTypes.of(CustomerCommand.class);

    /** The customer participant's answers on {@link CustomerChannels#SAGA_REPLIES}. */
    public static final MessageTypes<CustomerReply> REPLIES = MessageTypes.of(CustomerReply.class);

    /** On {@link CustomerChannels#EVENTS}. */
    public static final MessageTypes<CustomerEvent> EVENTS = MessageTypes.of(CustomerEvent.class);

    /** Every participant's answer to a validate command, on {@link CustomerChannels#DRY_RUN_REPLIES}. */
    public static final MessageTypes<DryRunReport> DRY_RUN_REPLIES = MessageTypes.of(DryRunReport.class);

    /** customer-service's answers to the setup page's sub-domain questions, on the asker's {@code replyTo}. */
    public static final MessageTypes<SubdomainAnswer> SUBDOMAIN_ANSWERS = MessageTypes.of(SubdomainAnswer.class);

    private CustomerMessages() {
    }
}
