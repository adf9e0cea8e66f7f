package io.provisio.identity.partner.web;

import java.net.URI;

import io.provisio.identity.partner.application.CreatedPartner;
import io.provisio.identity.partner.application.NewPartner;
import io.provisio.identity.partner.application.PartnerRegistry;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Platform operators create partners here; the security chain requires the {@code operator} scope. */
@RestController
class OperatorPartnerController {

    private final PartnerRegistry registry;

    OperatorPartnerController(PartnerRegistry registry) {
        this.registry = registry;
    }

    /** The client secret is in this answer and nowhere else, ever: nothing may cache it. */
    @ApiResponse(responseCode = "201", description = "Created: Location names the partner; its client secret is"
            + " in this answer only", useReturnTypeSchema = true)
    @PostMapping("/api/v1/operator/partners")
    ResponseEntity<CreatedPartner> create(@RequestBody NewPartner request) {
        CreatedPartner created = registry.create(request);
        return ResponseEntity.created(URI.create("/api/v1/operator/partners/" + created.id()))
                .cacheControl(CacheControl.noStore())
                .body(created);
    }
}
