package io.provisio.customer.onboarding.web;

import java.net.URI;
import java.util.List;

import io.provisio.customer.contracts.Address;
import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.customer.onboarding.application.AccountNameTakenException;
import io.provisio.customer.onboarding.application.DomainTakenException;
import io.provisio.customer.onboarding.application.SubdomainTakenException;
import io.provisio.customer.onboarding.application.IdempotencyKeyReusedException;
import io.provisio.customer.onboarding.application.OnboardingQueries;
import io.provisio.customer.onboarding.application.OnboardingService;
import io.provisio.customer.onboarding.application.OnboardingSummary;
import io.provisio.customer.onboarding.application.ParentNotFoundException;
import io.provisio.customer.onboarding.application.RequestDigests;
import io.provisio.customer.onboarding.domain.Onboarding;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.SupportContact;
import io.provisio.platform.messaging.MessageTracing;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.provisio.subscription.contracts.PlanRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
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

    static final String PARENT_RULE = "must be an active or suspended customer of yours, less than "
            + "5 levels deep";

    private final OnboardingService onboardings;
    private final OnboardingQueries queries;
    private final OnboardingValidator validator;
    private final DryRunService dryRuns;
    private final PasswordEncoder passwords;
    private final MessageTracing tracing;
    private final JsonMapper json;
    private final RequestDigests digests;

    /** @param json writes the parsed request canonically (formatting and field order do not count) for its digest */
    OnboardingController(OnboardingService onboardings, OnboardingQueries queries, OnboardingValidator validator,
                         DryRunService dryRuns, PasswordEncoder passwords, MessageTracing tracing,
                         JsonMapper json, RequestDigests digests) {
        this.digests = digests;
        this.dryRuns = dryRuns;
        this.onboardings = onboardings;
        this.queries = queries;
        this.validator = validator;
        this.passwords = passwords;
        this.tracing = tracing;
        this.json = json;
    }

    @PostMapping
    ResponseEntity<?> start(PartnerId partner, @AuthenticationPrincipal Jwt token,
                            @RequestBody OnboardingRequestBody body,
                            @RequestHeader(name = "Idempotency-Key", required = false) String key,
                            @RequestParam(defaultValue = "false") boolean dryRun) {
        if (dryRun) {
            return ResponseEntity.ok(dryRuns.check(partner.value(), body, traceparent()));
        }
        validator.check(body);
        if (key != null && (key.isBlank() || key.length() > 255)) {
            throw ApiProblem.validation(List.of(new FieldError("Idempotency-Key", "must be 1 to 255 characters")));
        }
        OnboardingService.Started started;
        try {
            started = onboardings.start(partner.value(), toRequest(body, partnerName(token, partner)), traceparent(),
                    key == null ? null : digests.keyFor(key, json.writeValueAsBytes(body)));
        } catch (IdempotencyKeyReusedException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key reused",
                    "This Idempotency-Key was used before with a different request body", List.of());
        } catch (AccountNameTakenException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "ACCOUNT_NAME_TAKEN", "Account name taken",
                    "The account name " + body.customer().accountName() + " is already in use",
                    List.of(new FieldError("customer.accountName", "is already in use")));
        } catch (SubdomainTakenException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "SUBDOMAIN_TAKEN", "Sub-domain taken",
                    "The account name " + body.customer().accountName() + " gives the sub-domain " + e.subdomain()
                            + ", which belongs to another organization",
                    List.of(new FieldError("customer.accountName", SUBDOMAIN_RULE)));
        } catch (DomainTakenException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "DOMAIN_TAKEN", "Domain taken",
                    "Another customer already holds " + String.join(", ", e.domains()),
                    domainErrors(body.customer().domains(), e.domains()));
        } catch (ParentNotFoundException e) {
            // The same answer whether the parent is missing, another partner's, not live or too deep.
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "PARENT_NOT_FOUND", "Parent customer not found",
                    e.getMessage(), List.of(new FieldError("customer.parentCustomerId", PARENT_RULE)));
        }
        Onboarding onboarding = started.onboarding();
        return ResponseEntity.status(started.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .location(URI.create("/api/v1/onboardings/" + onboarding.id()))
                .body(OnboardingView.of(OnboardingSummary.of(onboarding)));
    }

    /** Why an account name is refused although the partner has no customer of that name. */
    static final String SUBDOMAIN_RULE = "its sub-domain belongs to another organization; account names are unique "
            + "across the platform's sub-domains";

    /** One error per position of a taken domain, as the partner listed them. */
    static List<FieldError> domainErrors(List<String> asked, List<String> taken) {
        List<FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; asked != null && i < asked.size(); i++) {
            if (asked.get(i) != null && taken.contains(asked.get(i).strip().toLowerCase(java.util.Locale.ROOT))) {
                errors.add(new FieldError("customer.domains[" + i + "]", "is already claimed by another customer"));
            }
        }
        return errors;
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

    /** The request as the partner wrote it; inheritance and defaults come later (they depend on the parent). */
    private OnboardingRequest toRequest(OnboardingRequestBody body, String partnerName) {
        OnboardingRequestBody.Customer c = body.customer();
        OnboardingRequestBody.Address a = c.address();
        OnboardingRequestBody.Administrator admin = body.administrator();
        CustomerProfile profile = new CustomerProfile(c.accountName(), c.companyName(), c.externalCode(),
                c.parentCustomerId(),
                new Address(a.street(), a.city(), a.region(), a.postalCode(), a.country()),
                c.businessType(), c.tenantType(), c.edition(),
                c.locale(), c.domains() == null ? List.of() : c.domains(), c.emergencyContactEmail());
        Administrator administrator = new Administrator(admin.username(), admin.firstName(), admin.lastName(),
                admin.displayName() == null ? admin.firstName() + " " + admin.lastName() : admin.displayName(),
                admin.email(),
                admin.password() == null ? null : passwords.encode(admin.password()),
                admin.phone(), admin.jobTitle(), admin.department());
        List<SupportContact> contacts = body.contacts() == null ? List.of() : body.contacts().stream()
                .map(k -> new SupportContact(k.kind(), k.name(), k.email(), k.phone())).toList();
        List<PlanRequest> plans = body.plans() == null ? List.of() : body.plans().stream()
                .map(p -> new PlanRequest(p.planCode(), p.units(), p.startDate())).toList();
        OnboardingRequestBody.WelcomeEmail welcome = body.welcomeEmail();
        return new OnboardingRequest(profile, administrator, contacts, plans,
                Boolean.TRUE.equals(body.acceptPaidPlans()),
                new OnboardingRequest.WelcomeEmail(welcome == null ? null : welcome.sendAt(),
                        welcome == null ? null : welcome.language(), partnerName));
    }

    /**
     * The W3C traceparent of this request's span (its sampled flag as decided upstream): the onboarding keeps it,
     * its {@code traceId} is the resource's, and messages the saga sends without a span of its trace continue it.
     */
    private String traceparent() {
        return tracing.current();
    }
}
