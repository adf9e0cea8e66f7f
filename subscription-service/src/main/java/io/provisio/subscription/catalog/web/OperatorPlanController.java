package io.provisio.subscription.catalog.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.subscription.catalog.domain.Plan;
import io.provisio.subscription.catalog.persistence.PlanStore;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator maintains the catalogue (scope {@code operator}). A changed plan applies to later
 * assignments; subscriptions already made keep their units.
 */
@RestController
class OperatorPlanController {

    /** Plan codes become MongoDB field-free ids and URL segments: keep them plain. */
    private static final String CODE = "^[A-Z0-9][A-Z0-9-]{0,63}$";
    private static final Set<String> UNIT_TYPES = Set.of("USER", "DEVICE", "GB", "SITE");

    private final PlanStore plans;

    OperatorPlanController(PlanStore plans) {
        this.plans = plans;
    }

    @PutMapping("/api/v1/operator/plans/{code}")
    PlanController.PlanView put(@PathVariable String code, @RequestBody PlanBody body) {
        List<FieldError> errors = new ArrayList<>();
        if (!code.matches(CODE)) {
            errors.add(new FieldError("code", "must match " + CODE));
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            errors.add(new FieldError("name", "is required, at most 200 characters"));
        }
        if (body.unitType() == null || !UNIT_TYPES.contains(body.unitType())) {
            errors.add(new FieldError("unitType", "must be one of USER, DEVICE, GB, SITE"));
        }
        if (body.minUnits() == null || body.minUnits() < 1) {
            errors.add(new FieldError("minUnits", "is required and at least 1"));
        }
        if (body.maxUnits() == null || (body.minUnits() != null && body.maxUnits() < body.minUnits())) {
            errors.add(new FieldError("maxUnits", "is required and at least minUnits"));
        }
        List<String> requires = body.requires() == null ? List.of() : body.requires();
        Set<String> known = plans.findByCodes(requires).keySet();
        for (int i = 0; i < requires.size(); i++) {
            if (code.equals(requires.get(i)) || !known.contains(requires.get(i))) {
                errors.add(new FieldError("requires[" + i + "]", "must be another plan of the catalogue"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        Plan plan = new Plan(code, body.name(), body.unitType(), body.minUnits(), body.maxUnits(),
                Boolean.TRUE.equals(body.paid()), requires);
        plans.put(plan);
        return PlanController.PlanView.of(plan);
    }

    record PlanBody(String name, String unitType, Integer minUnits, Integer maxUnits, Boolean paid,
                    List<String> requires) {
    }
}
