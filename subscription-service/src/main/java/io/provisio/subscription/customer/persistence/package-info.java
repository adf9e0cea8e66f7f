/** Collection {@code customers}: which partner owns each customer ASSIGN_PLANS was run for. */
package io.provisio.subscription.customer.persistence;
