/** {@code /api/v1/webhooks}: register, read, delete endpoints; their delivery log and redelivery. */
package io.provisio.notification.webhook.web;
