/** Webhook endpoints, deliveries, event names, the Standard Webhooks signature and the retry schedule; no framework types. */
package io.provisio.notification.webhook.domain;
