package io.provisio.notification.webhook.domain;

/** An endpoint receives deliveries while ENABLED; DISABLED after a delivery failed for the whole retry window. */
public enum EndpointStatus {
    ENABLED, DISABLED
}
