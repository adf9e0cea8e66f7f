/** Per-user services: each consumes one unit of the customer's subscription to the plan. */
package io.provisio.subscription.user.application;
