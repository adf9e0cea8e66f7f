/** Collection {@code customers}: which partner owns each customer ASSIGN_PLANS was run for, and its suspension. */
package io.provisio.subscription.customer.persistence;
