/** A customer's suspension as this service lives it: billing paused, no new per-user services. */
package io.provisio.subscription.customer.application;
