/**
 * The {@code webhook_endpoints} and {@code webhook_deliveries} collections ({@code WebhookDocuments}), one store per
 * use: endpoints, the deliveries events create and the onboarding holds, the dispatcher's claims, queries.
 * Single-document writes, claims by find-and-modify.
 */
package io.provisio.notification.webhook.persistence;
