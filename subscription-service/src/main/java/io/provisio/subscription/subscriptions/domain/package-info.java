/**
 * A customer's subscription to a plan, when it starts billing and a units change in flight. No Spring or MongoDB
 * here.
 */
package io.provisio.subscription.subscriptions.domain;
