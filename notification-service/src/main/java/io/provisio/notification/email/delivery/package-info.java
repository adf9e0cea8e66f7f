/** Renders due e-mails and hands them to SMTP; any replica may send, none twice in normal operation. */
package io.provisio.notification.email.delivery;
