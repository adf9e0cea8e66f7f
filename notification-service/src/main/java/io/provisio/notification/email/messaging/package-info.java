/** The SCHEDULE_WELCOME_EMAIL saga step: consumes notification commands, replies through the outbox. */
package io.provisio.notification.email.messaging;
