/**
 * Collection {@code allocations}: the ledger of what each saga set out to take, so its compensation releases
 * exactly those.
 */
package io.provisio.subscription.assignment.persistence;
