package io.provisio.subscription.catalog.persistence;

import java.util.List;

import io.provisio.subscription.catalog.domain.Plan;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code plans} document: the plan, {@code _id} = its code (a string, whatever it looks like). Limits and
 * {@code paid} are boxed: a plan written before they existed lacks them, and reads as 0 and free.
 */
record PlanDocument(@MongoId(FieldType.STRING) String id, String name, String unitType, Integer minUnits,
                    Integer maxUnits, Boolean paid, List<String> requires) {

    static PlanDocument of(Plan plan) {
        return new PlanDocument(plan.code(), plan.name(), plan.unitType(), plan.minUnits(), plan.maxUnits(),
                plan.paid(), plan.requires());
    }

    Plan plan() {
        return new Plan(id, name, unitType, minUnits == null ? 0 : minUnits, maxUnits == null ? 0 : maxUnits,
                Boolean.TRUE.equals(paid), requires);
    }
}
