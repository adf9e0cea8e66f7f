package io.provisio.subscription.subscription.web;

import java.time.Instant;
import java.time.LocalDate;

import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.provisio.subscription.subscription.domain.Subscription;
import io.provisio.subscription.subscription.persistence.SubscriptionStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's subscriptions. This service keeps no customer list, so a customer of another
 * partner and one that does not exist look the same: no subscriptions.
 */
@RestController
class CustomerSubscriptionController {

    private final SubscriptionStore subscriptions;

    CustomerSubscriptionController(SubscriptionStore subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping("/api/v1/customers/{customerId}/subscriptions")
    Page<SubscriptionView> subscriptions(PartnerId partner, @PathVariable String customerId,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "20") int size) {
        PageQuery query = PageQuery.of(page, size);
        return query.answer(subscriptions.pageOf(partner.value(), customerId, query.skip(), query.size()).stream()
                .map(SubscriptionView::of).toList(), subscriptions.countOf(partner.value(), customerId));
    }

    record SubscriptionView(String id, String planCode, int units, LocalDate startDate, String status,
                            Instant billingStartedAt) {

        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.planCode(), s.units(), s.startDate(), s.status().name(),
                    s.billingStartedAt());
        }
    }
}
