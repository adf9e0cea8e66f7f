package io.provisio.notification.webhook.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a partner may subscribe to, by its public name (API.md). {@code setup.*} are accepted at registration but
 * nothing emits them yet: setup does not exist.
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
