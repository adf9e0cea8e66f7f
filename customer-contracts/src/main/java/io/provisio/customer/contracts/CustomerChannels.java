package io.provisio.customer.contracts;

/** Channels customer-service owns. Kebab-case exchange names; the namespace prefix is added at runtime. */
public final class CustomerChannels {

    /** Commands to the customer participant (REGISTER_CUSTOMER, ACTIVATE_CUSTOMER and the compensation). */
    public static final String COMMANDS = "customer-commands";

    /** Every participant's replies to the onboarding orchestrator. */
    public static final String SAGA_REPLIES = "saga-replies";

    /**
     * Answers to the dry run's validate commands. Every customer-service instance reads them from its own
     * non-durable queue and keeps the ones it waits for.
     */
    public static final String DRY_RUN_REPLIES = "dry-run-replies";
    /** Domain events about customers (suspended, resumed, ...). */
    public static final String EVENTS = "customer-events";

    private CustomerChannels() {
    }
}
