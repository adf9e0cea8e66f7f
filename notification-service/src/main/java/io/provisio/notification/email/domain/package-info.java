/** What an e-mail notification is and the rules of its life cycle; no Spring, MongoDB or mail types here. */
package io.provisio.notification.email.domain;
