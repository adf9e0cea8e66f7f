/** The partner-scoped API of a customer's e-mails: list, details with history, preview, reschedule, cancel, resend. */
package io.provisio.notification.email.web;
