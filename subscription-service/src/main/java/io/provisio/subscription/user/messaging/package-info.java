/** Consumes identity's UserCreated / UserDeleted from {@code identity-events}. */
package io.provisio.subscription.user.messaging;
