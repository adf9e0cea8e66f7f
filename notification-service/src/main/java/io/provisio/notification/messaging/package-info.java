/**
 * Binds notification-commands and the customer, subscription and identity events to the application services of the
 * e-mail, webhook and setup features: decoding only, no rules (ADR 020). Above the features, because one channel's
 * events reach several of them (ADR 025).
 */
package io.provisio.notification.messaging;
