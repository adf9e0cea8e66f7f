package io.provisio.platform.config;

/** Declares a MongoDB collection whose documents carry an outbox the relay must drain. */
public record OutboxCollection(String name) {
}
