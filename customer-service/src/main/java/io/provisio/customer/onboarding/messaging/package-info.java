/** Thin adapters between the broker and the saga: participants' replies in, nothing else. */
package io.provisio.customer.onboarding.messaging;
