package io.provisio.subscription.inventory.web;

import java.util.List;

import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.subscription.catalog.application.Catalogue;
import io.provisio.subscription.inventory.persistence.InventoryStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The operator sets what a partner bought of a plan (scope {@code operator}); never below what is allocated. */
@RestController
class OperatorInventoryController {

    private final InventoryStore inventory;
    private final Catalogue catalogue;

    OperatorInventoryController(InventoryStore inventory, Catalogue catalogue) {
        this.inventory = inventory;
        this.catalogue = catalogue;
    }

    @PutMapping("/api/v1/operator/partners/{partnerId}/inventory/{planCode}")
    InventoryController.InventoryView put(@PathVariable String partnerId, @PathVariable String planCode,
                                          @RequestBody UnitsBody body) {
        if (body.units() == null || body.units() < 0) {
            throw ApiProblem.validation(List.of(new FieldError("units", "is required and 0 or more")));
        }
        if (catalogue.findByCodes(List.of(planCode)).isEmpty()) {
            throw ApiProblem.notFound("Plan", planCode);
        }
        return inventory.setUnits(partnerId, planCode, body.units()).map(InventoryController.InventoryView::of)
                .orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT, "UNITS_BELOW_ALLOCATED", "Conflict",
                        planCode + ": " + body.units() + " units are fewer than those allocated"));
    }

    record UnitsBody(Integer units) {
    }
}
