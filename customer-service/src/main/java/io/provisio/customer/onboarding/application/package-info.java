/**
 * Runs the saga: feeds it starts, replies and deadlines, and stores each decision atomically; paces onboarding
 * batches per partner, claims domains and sub-domains, and keeps idempotency keys.
 */
package io.provisio.customer.onboarding.application;
