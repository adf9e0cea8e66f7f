/**
 * Collection {@code notifications}, mapped by Spring Data from the {@code Notification} aggregate
 * ({@code NotificationDocuments}), one store per use: the saga step and the events that create e-mails, activation
 * links that died, suspensions, the dispatcher's claims, the partner's changes, queries. Single-document atomic
 * writes only, claims by find-and-modify.
 */
package io.provisio.notification.email.persistence;
