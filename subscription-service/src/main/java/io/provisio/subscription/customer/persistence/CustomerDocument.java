package io.provisio.subscription.customer.persistence;

import io.provisio.subscription.customer.domain.Suspension;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code customers} document: the partner that owns the customer, the saga that created it and its latest
 * suspension or resumption ({@code {suspended, at}}, absent until the first).
 */
record CustomerDocument(@MongoId(FieldType.STRING) String id, String partnerId, String sagaId, Suspension suspension) {
}
