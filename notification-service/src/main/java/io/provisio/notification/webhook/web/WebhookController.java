package io.provisio.notification.webhook.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.provisio.notification.webhook.application.Webhooks;
import io.provisio.notification.webhook.domain.DeliveryAttempt;
import io.provisio.notification.webhook.domain.DeliveryStatus;
import io.provisio.notification.webhook.domain.EndpointStatus;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.notification.webhook.domain.WebhookEndpoint;
import io.provisio.notification.webhook.domain.WebhookEventType;
import io.provisio.notification.webhook.persistence.DeliveryQueries;
import io.provisio.notification.webhook.persistence.DeliveryStore;
import io.provisio.notification.webhook.persistence.EndpointStore;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A partner's webhook endpoints, their delivery log and redelivery. Everything is scoped by the token's partner;
 * another partner's endpoint answers 404 like an absent one. The secret is in the answer to the registration only.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    private static final int MAX_URL = 2048;

    private final Webhooks webhooks;
    private final EndpointStore endpoints;
    private final DeliveryQueries queries;
    private final DeliveryStore deliveries;
    private final Clock clock;

    WebhookController(Webhooks webhooks, EndpointStore endpoints, DeliveryQueries queries, DeliveryStore deliveries,
                      Clock clock) {
        this.webhooks = webhooks;
        this.endpoints = endpoints;
        this.queries = queries;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @ApiResponse(responseCode = "201", description = "Registered: Location names the endpoint; the secret is in "
            + "this answer only", useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<RegisteredEndpoint> register(PartnerId partner, @RequestBody JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode urlNode = body == null ? null : body.get("url");
        String url = urlNode == null || !urlNode.isString() ? null : urlNode.asString();
        if (url == null || url.isBlank()) {
            errors.add(new FieldError("url", "is required"));
        } else if (url.length() > MAX_URL) {
            errors.add(new FieldError("url", "must be at most " + MAX_URL + " characters"));
        } else {
            webhooks.refusal(url).ifPresent(why -> errors.add(new FieldError("url", why)));
        }
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        JsonNode eventsNode = body == null ? null : body.get("events");
        if (eventsNode == null || !eventsNode.isArray() || eventsNode.isEmpty()) {
            errors.add(new FieldError("events", "must list at least one event"));
        } else {
            for (int i = 0; i < eventsNode.size(); i++) {
                JsonNode event = eventsNode.get(i);
                Optional<WebhookEventType> type = event.isString() ? WebhookEventType.ofWireName(event.asString())
                        : Optional.empty();
                if (type.isEmpty()) {
                    errors.add(new FieldError("events[" + i + "]", "is not one of " + names(EnumSet.allOf(
                            WebhookEventType.class))));
                } else {
                    events.add(type.get());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        WebhookEndpoint endpoint = webhooks.register(partner.value(), url, events);
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + endpoint.id()))
                .body(new RegisteredEndpoint(endpoint.id(), endpoint.url(), names(endpoint.events()),
                        endpoint.status().name(), endpoint.createdAt(), endpoint.secret()));
    }

    @GetMapping
    List<EndpointView> list(PartnerId partner) {
        return endpoints.endpoints(partner.value()).stream().map(EndpointView::of).toList();
    }

    @GetMapping("/{id}")
    EndpointView get(PartnerId partner, @PathVariable String id) {
        return EndpointView.of(require(partner, id));
    }

    @ApiResponse(responseCode = "204", description = "Removed")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(PartnerId partner, @PathVariable String id) {
        if (!endpoints.delete(partner.value(), id)) {
            throw ApiProblem.notFound("webhook", id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/deliveries")
    Page<DeliveryView> deliveries(PartnerId partner, @PathVariable String id,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "20") int size) {
        PageQuery query = PageQuery.of(page, size);
        require(partner, id);
        return query.answer(queries.deliveries(partner.value(), id, query.page(), query.size()).stream()
                .map(DeliveryView::of).toList(), queries.countDeliveries(partner.value(), id));
    }

    @ApiResponse(responseCode = "202", description = "Queued again: the delivery as it is now",
            useReturnTypeSchema = true)
    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    ResponseEntity<DeliveryView> redeliver(PartnerId partner, @PathVariable String id,
                                           @PathVariable String deliveryId) {
        WebhookEndpoint endpoint = require(partner, id);
        WebhookDelivery delivery = queries.delivery(partner.value(), id, deliveryId)
                .orElseThrow(() -> ApiProblem.notFound("delivery", deliveryId));
        if (endpoint.status() == EndpointStatus.DISABLED) {
            throw new ApiProblem(HttpStatus.CONFLICT, "ENDPOINT_DISABLED", "Endpoint disabled",
                    "Endpoint " + id + " was disabled after persistent failure; register it again to receive deliveries");
        }
        if (delivery.status() == DeliveryStatus.HELD) {
            throw new ApiProblem(HttpStatus.CONFLICT, "DELIVERY_HELD", "Delivery held",
                    "Delivery " + deliveryId + " waits for its customer's onboarding to complete");
        }
        if (delivery.status() == DeliveryStatus.ABANDONED) {
            throw new ApiProblem(HttpStatus.CONFLICT, "DELIVERY_ABANDONED", "Delivery abandoned",
                    "Delivery " + deliveryId + " was held for an onboarding that was rolled back; it is never sent");
        }
        if (!deliveries.redeliver(partner.value(), id, deliveryId, clock.instant())) {
            throw new ApiProblem(HttpStatus.CONFLICT, "DELIVERY_IN_FLIGHT", "Delivery in flight",
                    "Delivery " + deliveryId + " is being sent right now");
        }
        return ResponseEntity.accepted().body(DeliveryView.of(queries.delivery(partner.value(), id, deliveryId)
                .orElseThrow(() -> ApiProblem.notFound("delivery", deliveryId))));
    }

    private WebhookEndpoint require(PartnerId partner, String id) {
        return endpoints.endpoint(partner.value(), id).orElseThrow(() -> ApiProblem.notFound("webhook", id));
    }

    private static List<String> names(Set<WebhookEventType> events) {
        return events.stream().sorted().map(WebhookEventType::wireName).toList();
    }

    /** The answer to a registration: the only one that carries the secret. */
    record RegisteredEndpoint(String id, String url, List<String> events, String status, Instant createdAt,
                              String secret) {
    }

    record EndpointView(String id, String url, List<String> events, String status, Instant createdAt,
                        Instant disabledAt, String disabledReason) {

        static EndpointView of(WebhookEndpoint endpoint) {
            return new EndpointView(endpoint.id(), endpoint.url(), names(endpoint.events()), endpoint.status().name(),
                    endpoint.createdAt(), endpoint.disabledAt(), endpoint.disabledReason());
        }
    }

    record DeliveryView(String id, String type, String status, int attempts, Instant createdAt, Instant nextAttemptAt,
                        Instant deliveredAt, String lastError, String payload, List<DeliveryAttempt> log) {

        static DeliveryView of(WebhookDelivery delivery) {
            return new DeliveryView(delivery.id(), delivery.type().wireName(), delivery.status().name(),
                    delivery.attempts(), delivery.createdAt(),
                    delivery.status().name().equals("PENDING") ? delivery.nextAttemptAt() : null,
                    delivery.deliveredAt(), delivery.lastError(), delivery.body(), delivery.log());
        }
    }
}
