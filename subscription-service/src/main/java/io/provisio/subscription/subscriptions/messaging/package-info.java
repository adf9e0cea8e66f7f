/**
 * Consumes customer-service's CustomerSuspended / CustomerResumed from {@code customer-events}: billing paused and
 * resumed.
 */
package io.provisio.subscription.subscriptions.messaging;
