/** The partner-scoped customers API. */
package io.provisio.customer.customers.web;
