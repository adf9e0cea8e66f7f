/** The customer participant's work: REGISTER_CUSTOMER, ACTIVATE_CUSTOMER and the compensation, and their replies. */
package io.provisio.customer.customers.application;
