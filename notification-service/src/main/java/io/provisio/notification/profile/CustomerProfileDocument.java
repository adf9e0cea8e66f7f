package io.provisio.notification.profile;

import java.time.Instant;

import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;


/**
 * A {@code customer_profiles} document as Spring Data maps it, field for field as stored: {@code _id} is the customer
 * id (a string, even one that reads as ObjectId hex), instants are dates. A field no message has told us is absent,
 * never {@code null}; {@code suspension} is absent until the first suspension or resumption.
 */
record CustomerProfileDocument(
        @MongoId(FieldType.STRING) String customerId,
        String partnerId,
        String administratorEmail,
        String administratorName,
        String language,
        String companyName,
        String partnerName,
        Instant updatedAt,
        SuspensionDocument suspension) {

    /** The latest suspension or resumption applied ({@code suspended}) and its instant. */
    record SuspensionDocument(Boolean suspended, Instant at) {

        Suspension suspension() {
            return new Suspension(Boolean.TRUE.equals(suspended), at);
        }
    }

    CustomerProfile profile() {
        return new CustomerProfile(customerId, partnerId, administratorEmail, administratorName, language, companyName,
                partnerName);
    }

    /** Never prints the administrator's address or name. */
    @Override
    public String toString() {
        return "CustomerProfileDocument[customerId=" + customerId + ", partnerId=" + partnerId + "]";
    }
}
