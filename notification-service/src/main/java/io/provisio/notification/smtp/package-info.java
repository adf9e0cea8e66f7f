/** An in-process SMTP sink (GreenMail) for the local run, so e-mails go somewhere real without a mail server. */
package io.provisio.notification.smtp;
