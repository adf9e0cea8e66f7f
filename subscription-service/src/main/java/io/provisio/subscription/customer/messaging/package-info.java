/** Consumes customer-service's CustomerSuspended / CustomerResumed from {@code customer-events}. */
package io.provisio.subscription.customer.messaging;
