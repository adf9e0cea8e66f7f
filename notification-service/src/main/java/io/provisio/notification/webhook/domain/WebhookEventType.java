package io.provisio.notification.webhook.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a partner may subscribe to, by its public name (API.md). {@code setup.*} come from the setup timers and
 * identity's SetupCompleted (ADR 023).
 */
public enum WebhookEventType {
    ONBOARDING_COMPLETED("onboarding.completed"),
    ONBOARDING_FAILED("onboarding.failed"),
    CUSTOMER_SUSPENDED("customer.suspended"),
    CUSTOMER_RESUMED("customer.resumed"),
    SETUP_COMPLETED("setup.completed"),
    SETUP_ESCALATED("setup.escalated"),
    SUBSCRIPTION_STARTED("subscription.started"),
    ACTIVATION_REQUESTED("activation.requested");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> ofWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
