/** Customers (tenants): the customer participant of the onboarding saga and the customers API. */
package io.provisio.customer.customers;
