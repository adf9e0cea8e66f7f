/**
 * Customers' subscriptions: created by the saga step, changed through the API (add, resize, cancel) without ever
 * losing or doubling a unit, billing paused while the customer is suspended, units held by users.
 */
package io.provisio.subscription.subscriptions.application;
