package io.provisio.customer.onboarding.web;

import java.net.URI;
import java.util.List;

import io.provisio.customer.onboarding.application.DryRunReport;
import io.provisio.customer.onboarding.application.DryRuns;
import io.provisio.customer.onboarding.application.OnboardingQueries;
import io.provisio.customer.onboarding.application.OnboardingService;
import io.provisio.customer.onboarding.application.OnboardingSummary;
import io.provisio.customer.onboarding.application.RequestDigests;
import io.provisio.customer.onboarding.domain.Onboarding;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.platform.messaging.MessageTracing;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/onboardings")
class OnboardingController {

    private final OnboardingService onboardings;
    private final OnboardingQueries queries;
    private final OnboardingValidator validator;
    private final DryRuns dryRuns;
    private final OnboardingRequests requests;
    private final MessageTracing tracing;
    private final JsonMapper json;
    private final RequestDigests digests;

    /** @param json writes the parsed request canonically (formatting and field order do not count) for its digest */
    OnboardingController(OnboardingService onboardings, OnboardingQueries queries, OnboardingValidator validator,
                         DryRuns dryRuns, OnboardingRequests requests, MessageTracing tracing,
                         JsonMapper json, RequestDigests digests) {
        this.digests = digests;
        this.dryRuns = dryRuns;
        this.onboardings = onboardings;
        this.queries = queries;
        this.validator = validator;
        this.requests = requests;
        this.tracing = tracing;
        this.json = json;
    }

    @ApiResponse(responseCode = "202", description = "Started: Location names the onboarding",
            content = @Content(schema = @Schema(implementation = OnboardingView.class)))
    @ApiResponse(responseCode = "200", description = "A repeat with the same Idempotency-Key and body: the onboarding "
            + "the first request started; with dryRun=true, the dry run's report", content = @Content(schema =
            @Schema(oneOf = {OnboardingView.class, DryRunReport.class})))
    @PostMapping
    ResponseEntity<?> start(PartnerId partner, @AuthenticationPrincipal Jwt token,
                            @RequestBody OnboardingRequestBody body,
                            @RequestHeader(name = "Idempotency-Key", required = false) String key,
                            @RequestParam(defaultValue = "false") boolean dryRun) {
        if (dryRun) {
            return ResponseEntity.ok(dryRuns.check(partner.value(), requests.dryRun(body), validator.problems(body),
                    traceparent()));
        }
        validator.check(body);
        checkIdempotencyKey(key);
        OnboardingRequest request = requests.of(body, partnerName(token, partner));
        OnboardingService.Started started = onboardings.start(partner.value(), request, traceparent(),
                key == null ? null : digests.keyFor(key, json.writeValueAsBytes(body)));
        Onboarding onboarding = started.onboarding();
        return ResponseEntity.status(started.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .location(URI.create("/api/v1/onboardings/" + onboarding.id()))
                .body(OnboardingView.of(OnboardingSummary.of(onboarding)));
    }

    /** @throws ApiProblem 400 when the partner sent an Idempotency-Key that cannot be one */
    static void checkIdempotencyKey(String key) {
        if (key != null && (key.isBlank() || key.length() > 255)) {
            throw ApiProblem.validation(List.of(new FieldError("Idempotency-Key", "must be 1 to 255 characters")));
        }
    }

    /** The partner's display name from its token, for the e-mails' greeting; the id when the token has none. */
    static String partnerName(Jwt token, PartnerId partner) {
        String name = token == null ? null : token.getClaimAsString("partner_name");
        return name != null ? name : partner.value();
    }

    @GetMapping("/{id}")
    OnboardingView get(PartnerId partner, @PathVariable String id) {
        return queries.get(partner.value(), id).map(OnboardingView::of)
                .orElseThrow(() -> ApiProblem.notFound("Onboarding", id));
    }

    @GetMapping
    Page<OnboardingView> list(PartnerId partner, @RequestParam(required = false) OnboardingStatus status,
                              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageQuery query = PageQuery.of(page, size);
        return queries.list(partner.value(), status, query.page(), query.size()).map(OnboardingView::of);
    }

    /**
     * The W3C traceparent of this request's span (its sampled flag as decided upstream): the onboarding keeps it,
     * its {@code traceId} is the resource's, and messages the saga sends without a span of its trace continue it.
     */
    private String traceparent() {
        return tracing.current();
    }
}
