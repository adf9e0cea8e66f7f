/**
 * Collection {@code subscriptions}, one store per use: API queries, the saga step, units changes, per-user units,
 * billing pauses, the scheduler's claims.
 */
package io.provisio.subscription.subscriptions.persistence;
