/** What notification does with the saga's step, identity's activation requests and the other services' events: welcome, activation and subscription e-mails, and the holds of a suspended customer. */
package io.provisio.notification.email.application;
