/**
 * A partner's licence inventory: units bought, allocated and available, and how an allocation went. No Spring or
 * MongoDB here.
 */
package io.provisio.subscription.inventory.domain;
