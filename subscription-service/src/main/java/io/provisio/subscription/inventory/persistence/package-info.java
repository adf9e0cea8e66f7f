/** Inventory documents and the atomic, idempotent allocation and release of units. */
package io.provisio.subscription.inventory.persistence;
