package io.provisio.subscription.inventory.web;

import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.provisio.subscription.inventory.domain.InventoryItem;
import io.provisio.subscription.inventory.persistence.InventoryStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Only the calling partner's inventory, whatever it asks for. */
@RestController
class InventoryController {

    private final InventoryStore inventory;

    InventoryController(InventoryStore inventory) {
        this.inventory = inventory;
    }

    @GetMapping("/api/v1/inventory")
    Page<InventoryView> inventory(PartnerId partner, @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "20") int size) {
        PageQuery query = PageQuery.of(page, size);
        return query.answer(inventory.pageOf(partner.value(), query.skip(), query.size()).stream()
                .map(InventoryView::of).toList(), inventory.countOf(partner.value()));
    }

    record InventoryView(String planCode, int units, int allocated, int available) {

        static InventoryView of(InventoryItem item) {
            return new InventoryView(item.planCode(), item.units(), item.allocated(), item.available());
        }
    }
}
