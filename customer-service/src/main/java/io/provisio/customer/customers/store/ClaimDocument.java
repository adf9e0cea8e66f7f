package io.provisio.customer.customers.store;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;


/**
 * A {@code domain_claims} document as Spring Data maps it: the domain, in lower case, is the {@code _id}, so the
 * primary key makes it one customer's across every partner.
 */
record ClaimDocument(@MongoId(FieldType.STRING) String domain, String customerId, String partnerId, Instant claimedAt) {

    boolean heldBy(String partnerId, String customerId) {
        return customerId.equals(this.customerId) && partnerId.equals(this.partnerId);
    }
}
