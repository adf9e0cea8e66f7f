package io.provisio.subscription.user.persistence;

import java.time.Instant;

import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code users} document, {@code _id} = partner id + "/" + user id; a deleted user stays as a tombstone
 * ({@code deleted}, {@code deletedAt}, set by its update only).
 */
record UserDocument(@MongoId(FieldType.STRING) String id, String partnerId, String customerId, String userId,
                    String upn, boolean deleted, Instant createdAt) {
}
