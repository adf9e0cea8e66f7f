package io.provisio.subscription.subscriptions.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.provisio.subscription.customer.application.Customers;
import io.provisio.subscription.subscriptions.application.SubscriptionChanges;
import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.persistence.SubscriptionQueries;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's subscriptions. A customer this partner does not own answers 404 exactly like one
 * that does not exist (or no longer does, after a failed onboarding), on every endpoint.
 */
@RestController
class CustomerSubscriptionController {

    private static final String BASE = "/api/v1/customers/{customerId}/subscriptions";

    private final SubscriptionQueries subscriptions;
    private final SubscriptionChanges changes;
    private final Customers customers;

    CustomerSubscriptionController(SubscriptionQueries subscriptions, SubscriptionChanges changes,
                                   Customers customers) {
        this.subscriptions = subscriptions;
        this.changes = changes;
        this.customers = customers;
    }

    @GetMapping(BASE)
    Page<SubscriptionView> subscriptions(PartnerId partner, @PathVariable String customerId,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "20") int size) {
        PageQuery query = PageQuery.of(page, size);
        if (!customers.isOf(partner.value(), customerId)) {
            throw ApiProblem.notFound("Customer", customerId);
        }
        return query.answer(subscriptions.pageOf(partner.value(), customerId, query.skip(), query.size()).stream()
                .map(SubscriptionView::of).toList(), subscriptions.countOf(partner.value(), customerId));
    }

    @GetMapping(BASE + "/{subscriptionId}")
    SubscriptionView subscription(PartnerId partner, @PathVariable String customerId,
                                  @PathVariable String subscriptionId) {
        return subscriptions.findOf(partner.value(), customerId, subscriptionId).map(SubscriptionView::of)
                .orElseThrow(() -> ApiProblem.notFound("Subscription", subscriptionId));
    }

    @ApiResponse(responseCode = "201", description = "Created: Location names the"
            + " subscription", useReturnTypeSchema = true)
    @PostMapping(BASE)
    ResponseEntity<SubscriptionView> add(PartnerId partner, @PathVariable String customerId,
                                         @RequestBody AddSubscriptionBody body) {
        Subscription added = changes.add(partner.value(), customerId, body.planCode(),
                body.units() == null ? 0 : body.units(), body.startDate(), Boolean.TRUE.equals(body.acceptPaidPlans()));
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/subscriptions/" + added.id()))
                .body(SubscriptionView.of(added));
    }

    @PatchMapping(BASE + "/{subscriptionId}")
    SubscriptionView changeUnits(PartnerId partner, @PathVariable String customerId,
                                 @PathVariable String subscriptionId, @RequestBody ChangeUnitsBody body) {
        if (body.units() == null) {
            throw ApiProblem.validation(List.of(new FieldError("units", "is required")));
        }
        return SubscriptionView.of(changes.resize(partner.value(), customerId, subscriptionId, body.units()));
    }

    @ApiResponse(responseCode = "204", description = "Ended")
    @DeleteMapping(BASE + "/{subscriptionId}")
    ResponseEntity<Void> cancel(PartnerId partner, @PathVariable String customerId,
                                @PathVariable String subscriptionId) {
        changes.cancel(partner.value(), customerId, subscriptionId);
        return ResponseEntity.noContent().build();
    }

    /** {@code acceptPaidPlans} must be true for a paid plan, as in the onboarding. */
    record AddSubscriptionBody(String planCode, Integer units, LocalDate startDate, Boolean acceptPaidPlans) {
    }

    record ChangeUnitsBody(Integer units) {
    }

    /**
     * @param assignedUnits   units held by the customer's users (per-user services)
     * @param billingPausedAt while the customer is suspended, the suspension's instant: billing is paused (ACTIVE)
     *                        or does not start (SCHEDULED) until the resume; {@code null} while billing runs and for
     *                        a cancelled subscription (added to API.md's view, ADR 017)
     */
    record SubscriptionView(String id, String planCode, int units, int assignedUnits, LocalDate startDate,
                            String status, Instant billingStartedAt, Instant billingPausedAt) {

        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.planCode(), s.units(), s.users().size(), s.startDate(),
                    s.status().name(), s.billingStartedAt(), s.status().isLive() ? s.billingPausedAt() : null);
        }
    }
}
