/** Binds identity-commands and customer-events to identity's application services; decoding only, no rules. */
package io.provisio.identity.user.messaging;
