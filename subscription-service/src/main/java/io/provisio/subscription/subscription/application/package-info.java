/** Changing subscriptions after onboarding (add, resize, cancel) without ever losing or doubling a unit. */
package io.provisio.subscription.subscription.application;
