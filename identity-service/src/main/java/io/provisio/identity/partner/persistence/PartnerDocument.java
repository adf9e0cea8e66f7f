package io.provisio.identity.partner.persistence;

import java.time.Instant;

import io.provisio.identity.partner.domain.Partner;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/** A {@code partners} document as Spring Data maps it; a partner without a notification address stores it as null. */
record PartnerDocument(@MongoId(FieldType.STRING) String id, String name,
                       @Field(write = Field.Write.ALWAYS) String notificationEmail, Instant createdAt) {

    static PartnerDocument of(Partner partner) {
        return new PartnerDocument(partner.id(), partner.name(), partner.notificationEmail(), partner.createdAt());
    }

    Partner partner() {
        return new Partner(id, name, notificationEmail, createdAt);
    }
}
