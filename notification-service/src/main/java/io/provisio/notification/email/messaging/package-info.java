/** Notification commands (the SCHEDULE_WELCOME_EMAIL step, activation requests) and subscription events in. */
package io.provisio.notification.email.messaging;
