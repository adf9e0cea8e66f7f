package io.provisio.identity.partner.web;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

import io.provisio.identity.partner.application.CreatedPartner;
import io.provisio.identity.partner.application.NewPartner;
import io.provisio.identity.partner.application.PartnerRegistry;
import io.provisio.identity.partner.application.PartnerView;
import io.provisio.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Platform operators create partners here, read them and change their notification address; the security chain
 * requires the {@code operator} scope. Changes are written to the {@code io.provisio.audit} log.
 */
@RestController
class OperatorPartnerController {

    private static final Logger audit = LoggerFactory.getLogger("io.provisio.audit");

    private final PartnerRegistry registry;

    OperatorPartnerController(PartnerRegistry registry) {
        this.registry = registry;
    }

    /** The client secret is in this answer and nowhere else, ever: nothing may cache it. */
    @ApiResponse(responseCode = "201", description = "Created: Location names the partner; its client secret is"
            + " in this answer only", useReturnTypeSchema = true)
    @PostMapping("/api/v1/operator/partners")
    ResponseEntity<CreatedPartner> create(@RequestBody NewPartner request, Principal operator) {
        CreatedPartner created = registry.create(request);
        audit.info("Operator {} created partner {}", operator.getName(), created.id());
        return ResponseEntity.created(URI.create("/api/v1/operator/partners/" + created.id()))
                .cacheControl(CacheControl.noStore())
                .body(created);
    }

    @GetMapping("/api/v1/operator/partners/{id}")
    PartnerView get(@PathVariable String id) {
        return registry.find(id).map(PartnerView::of).orElseThrow(() -> ApiProblem.notFound("Partner", id));
    }

    /** JSON merge patch; only {@code notificationEmail} may change ({@code null} removes it). */
    @PatchMapping(path = "/api/v1/operator/partners/{id}", consumes = {"application/merge-patch+json",
            "application/json"})
    PartnerView change(@PathVariable String id, @RequestBody Map<String, Object> patch, Principal operator) {
        PartnerView changed = registry.change(id, patch).map(PartnerView::of)
                .orElseThrow(() -> ApiProblem.notFound("Partner", id));
        audit.info("Operator {} changed partner {}: {}", operator.getName(), id, patch.keySet());
        return changed;
    }
}
