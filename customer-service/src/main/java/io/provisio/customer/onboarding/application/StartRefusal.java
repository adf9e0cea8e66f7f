package io.provisio.customer.onboarding.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.provisio.platform.refusal.Refusal.Kind.CONFLICT;
import static io.provisio.platform.refusal.Refusal.Kind.UNPROCESSABLE;

import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.platform.refusal.Refusal;
import io.provisio.platform.web.FieldError;

/**
 * Why a valid request could not start its onboarding, in the words the partner reads: the single onboarding's
 * 409/422 answer, a batch row's errors and the dry run's findings say the same thing. Codes: ACCOUNT_NAME_TAKEN,
 * SUBDOMAIN_TAKEN, DOMAIN_TAKEN (409), PARENT_NOT_FOUND, IDEMPOTENCY_KEY_REUSED (422); the errors name the fields
 * that caused it, as API.md writes their paths.
 */
public final class StartRefusal {

    private StartRefusal() {
    }

    public static final String PARENT_RULE = "must be an active or suspended customer of yours, less than "
            + "5 levels deep";

    /** Why an account name is refused although the partner has no customer of that name. */
    public static final String SUBDOMAIN_RULE = "its sub-domain belongs to another organization; account names are "
            + "unique across the platform's sub-domains";

    /**
     * The refusal that {@code e}, thrown while starting {@code request}, stands for; empty when {@code e} is no
     * refusal (a store outage, say: then nothing was decided and the start may be tried again).
     */
    static Optional<Refusal> of(RuntimeException e, OnboardingRequest request) {
        String accountName = request.customer().accountName();
        return Optional.ofNullable(switch (e) {
            case AccountNameTakenException ignored -> new Refusal(CONFLICT, "ACCOUNT_NAME_TAKEN", "Account name taken",
                    "The account name " + accountName + " is already in use",
                    List.of(new FieldError("customer.accountName", "is already in use")));
            case SubdomainTakenException taken -> new Refusal(CONFLICT, "SUBDOMAIN_TAKEN", "Sub-domain taken",
                    "The account name " + accountName + " gives the sub-domain " + taken.subdomain()
                            + ", which belongs to another organization",
                    List.of(new FieldError("customer.accountName", SUBDOMAIN_RULE)));
            case DomainTakenException taken -> new Refusal(CONFLICT, "DOMAIN_TAKEN", "Domain taken",
                    "Another customer already holds " + String.join(", ", taken.domains()),
                    domainErrors(request.customer().domains(), taken.domains()));
            // The same answer whether the parent is missing, another partner's, not live or too deep.
            case ParentNotFoundException missing -> new Refusal(UNPROCESSABLE, "PARENT_NOT_FOUND",
                    "Parent customer not found", missing.getMessage(), List.of(new FieldError("customer.parentCustomerId", PARENT_RULE)));
            default -> null;
        });
    }

    /** The partner's Idempotency-Key came before with another body. */
    static Refusal keyReused() {
        return new Refusal(UNPROCESSABLE, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key reused",
                "This Idempotency-Key was used before with a different request body", List.of());
    }

    /** One error per position of a taken domain, as the partner listed them. */
    public static List<FieldError> domainErrors(List<String> asked, List<String> taken) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; asked != null && i < asked.size(); i++) {
            if (asked.get(i) != null && taken.contains(asked.get(i).strip().toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError("customer.domains[" + i + "]", "is already claimed by another customer"));
            }
        }
        return errors;
    }
}
