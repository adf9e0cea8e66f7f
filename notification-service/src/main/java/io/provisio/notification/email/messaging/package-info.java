/** Notification commands (the SCHEDULE_WELCOME_EMAIL step, activation requests), subscription and identity events in. */
package io.provisio.notification.email.messaging;
