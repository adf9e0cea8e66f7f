/** {@code /api/v1/customers/{customerId}/subscriptions}: list, read, add, resize, cancel. */
package io.provisio.subscription.subscriptions.web;
