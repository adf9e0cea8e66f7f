/** A partner's licence inventory: units bought, allocated and available. */
package io.provisio.subscription.inventory.domain;
