/**
 * Thin adapters between the broker and the saga: the participants' replies in (decoded through the contracts'
 * registries, ADR 020), and the dry run's request/reply.
 */
package io.provisio.customer.onboarding.messaging;
