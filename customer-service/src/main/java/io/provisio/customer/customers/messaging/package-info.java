/** Binds {@code customer-commands} to the customer participant's steps; decoding only, no rules. */
package io.provisio.customer.customers.messaging;
