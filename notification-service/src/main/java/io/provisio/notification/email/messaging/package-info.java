/** Binds notification-commands and the customer, subscription and identity events to the e-mail application services; decoding only, no rules. */
package io.provisio.notification.email.messaging;
