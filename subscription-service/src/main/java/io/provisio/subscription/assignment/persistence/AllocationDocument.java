package io.provisio.subscription.assignment.persistence;

import io.provisio.subscription.assignment.domain.Allocation;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/** An {@code allocations} entry; {@code subscriptionId} is written as {@code null} for a plan that creates none. */
record AllocationDocument(@MongoId(FieldType.STRING) String id, String partnerId, String sagaId, String customerId,
                          String planCode, int units, @Field(write = Field.Write.ALWAYS) String subscriptionId) {

    static AllocationDocument of(Allocation a) {
        return new AllocationDocument(a.id(), a.partnerId(), a.sagaId(), a.customerId(), a.planCode(), a.units(),
                a.subscriptionId());
    }

    Allocation allocation() {
        return new Allocation(id, partnerId, sagaId, customerId, planCode, units, subscriptionId);
    }
}
