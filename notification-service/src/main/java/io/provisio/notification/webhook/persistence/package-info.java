/** The {@code webhook_endpoints} and {@code webhook_deliveries} collections: single-document writes, claims by find-and-modify. */
package io.provisio.notification.webhook.persistence;
