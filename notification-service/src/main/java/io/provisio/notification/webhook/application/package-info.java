/** Registering endpoints and turning the other services' events into one delivery per subscribed endpoint. */
package io.provisio.notification.webhook.application;
