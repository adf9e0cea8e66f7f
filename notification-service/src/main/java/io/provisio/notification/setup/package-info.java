/** Delegated setup's e-mails and webhooks (ADR 023): "Configure now", reminders, escalations, on persisted timers. */
package io.provisio.notification.setup;
