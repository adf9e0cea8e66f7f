/** The ledger of allocations each saga made, so its compensation releases exactly those. */
package io.provisio.subscription.assignment.persistence;
