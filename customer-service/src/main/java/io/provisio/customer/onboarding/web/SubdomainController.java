package io.provisio.customer.onboarding.web;

import java.util.List;

import io.provisio.customer.onboarding.application.Subdomains;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/subdomains/{name}}: is the sub-domain an account name gives its customer free? Platform-wide,
 * and never says who holds a taken one. The answer is advisory (see {@link Subdomains}).
 */
@RestController
class SubdomainController {

    private final Subdomains subdomains;

    SubdomainController(Subdomains subdomains) {
        this.subdomains = subdomains;
    }

    @GetMapping("/api/v1/subdomains/{name}")
    Subdomains.Availability check(PartnerId partner, @PathVariable String name) {
        if (!name.matches(OnboardingRequestBody.ACCOUNT_NAME)) {
            throw ApiProblem.validation(List.of(new FieldError("name", OnboardingRequestBody.ACCOUNT_NAME_RULE)));
        }
        return subdomains.check(partner.value(), name);
    }
}
