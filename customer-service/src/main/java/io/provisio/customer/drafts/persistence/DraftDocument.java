package io.provisio.customer.drafts.persistence;

import java.time.Instant;

import io.provisio.customer.drafts.domain.Draft;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * An {@code onboarding_drafts} document: the draft field for field, every field written even when it has no value
 * (a draft may have no name, company or account name yet). The request is JSON text, not a sub-document: a draft may
 * hold any shape, including keys MongoDB does not allow ({@code $…}, dots).
 */
record DraftDocument(
        @MongoId(FieldType.STRING) String id,
        String partnerId,
        @Field(write = Field.Write.ALWAYS) String name,
        @Field(write = Field.Write.ALWAYS) String request,
        @Field(write = Field.Write.ALWAYS) String companyName,
        @Field(write = Field.Write.ALWAYS) String accountName,
        Instant createdAt,
        Instant updatedAt,
        @Field(write = Field.Write.ALWAYS) String updatedBy,
        long version) {

    static DraftDocument of(Draft draft) {
        return new DraftDocument(draft.id(), draft.partnerId(), draft.name(), draft.request(), draft.companyName(),
                draft.accountName(), draft.createdAt(), draft.updatedAt(), draft.updatedBy(), draft.version());
    }

    Draft draft() {
        return new Draft(id, partnerId, name, request, companyName, accountName, createdAt, updatedAt, updatedBy,
                version);
    }
}
