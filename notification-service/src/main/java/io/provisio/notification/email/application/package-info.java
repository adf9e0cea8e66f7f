/** What the e-mails of a suspended customer do: held while it is suspended, released (or cancelled) on resume. */
package io.provisio.notification.email.application;
