/** The partner-scoped read API of a customer's e-mails. */
package io.provisio.notification.email.web;
