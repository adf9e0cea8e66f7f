/** Subscriptions in MongoDB (collection subscriptions). */
package io.provisio.subscription.subscription.persistence;
