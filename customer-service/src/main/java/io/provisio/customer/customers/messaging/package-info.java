/** The customer participant: REGISTER_CUSTOMER, ACTIVATE_CUSTOMER and the compensation, idempotent. */
package io.provisio.customer.customers.messaging;
