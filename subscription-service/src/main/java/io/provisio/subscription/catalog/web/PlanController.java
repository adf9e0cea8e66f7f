package io.provisio.subscription.catalog.web;

import java.util.List;

import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.provisio.subscription.catalog.domain.Plan;
import io.provisio.subscription.catalog.persistence.PlanStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalogue is the same for every partner; the token still has to name one. */
@RestController
class PlanController {

    private final PlanStore plans;

    PlanController(PlanStore plans) {
        this.plans = plans;
    }

    @GetMapping("/api/v1/plans")
    Page<PlanView> plans(PartnerId partner, @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "20") int size) {
        PageQuery query = PageQuery.of(page, size);
        return query.answer(plans.page(query.skip(), query.size()).stream().map(PlanView::of).toList(),
                plans.count());
    }

    record PlanView(String code, String name, String unitType, int minUnits, int maxUnits, boolean paid,
                    List<String> requires) {

        static PlanView of(Plan plan) {
            return new PlanView(plan.code(), plan.name(), plan.unitType(), plan.minUnits(), plan.maxUnits(),
                    plan.paid(), plan.requires());
        }
    }
}
