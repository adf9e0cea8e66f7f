/**
 * How a service takes part in a saga: an idempotent action and an idempotent compensation per
 * step, with a tombstone that refuses an action arriving after its own compensation (ADR 002).
 */
package io.provisio.platform.participant;
