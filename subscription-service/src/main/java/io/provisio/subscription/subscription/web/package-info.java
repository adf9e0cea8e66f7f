/** GET /api/v1/customers/{customerId}/subscriptions. */
package io.provisio.subscription.subscription.web;
