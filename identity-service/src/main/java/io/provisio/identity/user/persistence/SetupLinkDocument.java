package io.provisio.identity.user.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.SetupLink;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code setup_links} document as Spring Data maps it, field for field as stored (besides the outbox's fields):
 * {@code _id} is the customer id, the token is its {@code hash} and {@code expiresAt}, the start date an ISO date
 * string; what a link may lack, and what only its completion sets, is written as {@code null}, as it always was.
 */
record SetupLinkDocument(
        @MongoId(FieldType.STRING) String customerId,
        String partnerId,
        @Field(write = Field.Write.ALWAYS) String by,
        @Field(write = Field.Write.ALWAYS) String contactEmail,
        @Field(write = Field.Write.ALWAYS) String startDate,
        List<String> services,
        String hash,
        Instant expiresAt,
        Instant createdAt,
        @Field(write = Field.Write.ALWAYS) Instant completedAt,
        @Field(write = Field.Write.ALWAYS) String subdomain) {

    static SetupLinkDocument of(SetupLink link) {
        return new SetupLinkDocument(link.customerId(), link.partnerId(), link.by(), link.contactEmail(),
                link.startDate() == null ? null : link.startDate().toString(), link.services(), link.token().hash(),
                link.token().expiresAt(), link.createdAt(), link.completedAt(), link.subdomain());
    }

    SetupLink link() {
        return new SetupLink(customerId, partnerId, by, contactEmail,
                startDate == null ? null : LocalDate.parse(startDate), services,
                new ActivationToken(hash, expiresAt), createdAt, completedAt, subdomain);
    }

    /** Never prints the token's hash nor the contact. */
    @Override
    public String toString() {
        return "SetupLinkDocument[customerId=" + customerId + ", completedAt=" + completedAt + "]";
    }
}
