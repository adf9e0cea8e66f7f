package io.provisio.subscription.inventory.persistence;

import java.time.Instant;

import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * An {@code inventory_holdings} document: what one holder ({@code key}, a subscription) holds of an inventory item,
 * and the change of it in flight ({@code pending}, absent when none); {@code _id} = inventoryId + "/" + key.
 */
record HoldingDocument(@MongoId(FieldType.STRING) String id, String inventoryId, String key, int units, Pending pending) {

    /** A change from/to units, registered as {@code op} with the item, pending since {@code since} (step 2). */
    record Pending(String op, int from, int to, Instant since) {
    }
}
