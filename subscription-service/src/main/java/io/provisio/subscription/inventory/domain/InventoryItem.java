package io.provisio.subscription.inventory.domain;

/**
 * What a partner holds of one plan. {@code units} is what the partner bought; {@code allocated}
 * is held by its customers' subscriptions; {@code available = units - allocated} is what it can
 * still hand out. The store keeps {@code available} as a field of its own so that one conditional
 * update ({@code available >= n}) can allocate without reading first.
 */
public record InventoryItem(String partnerId, String planCode, int units, int allocated, int available) {
}
