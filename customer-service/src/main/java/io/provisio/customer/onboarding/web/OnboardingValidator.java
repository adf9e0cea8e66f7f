package io.provisio.customer.onboarding.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.provisio.passwords.PasswordPolicy;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

/**
 * Checks a request completely: the field constraints and the rules across fields, so the partner
 * gets every mistake in one 400 answer and nothing is written.
 */
@Component
class OnboardingValidator {

    private static final Duration MAX_SCHEDULE = Duration.ofDays(366);

    private final Validator validator;
    private final Clock clock;
    private final PasswordPolicy passwords = new PasswordPolicy();

    OnboardingValidator(Validator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    /** The person's and the organization's own words, which must not make up the password. */
    private static List<String> personalWords(OnboardingRequestBody body) {
        OnboardingRequestBody.Administrator a = body.administrator();
        List<String> words = new ArrayList<>(java.util.Arrays.asList(a.username(), a.firstName(), a.lastName(),
                a.displayName(), a.email()));
        if (body.customer() != null) {
            words.add(body.customer().accountName());
            words.add(body.customer().companyName());
        }
        return words;
    }

    /** @throws ApiProblem 400 VALIDATION_FAILED with every problem of the request */
    void check(OnboardingRequestBody body) {
        List<FieldError> errors = problems(body);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
    }

    /** Every problem of the request, sorted by field; empty when it is valid. */
    List<FieldError> problems(OnboardingRequestBody body) {
        List<FieldError> errors = new ArrayList<>();
        // API.md paths: "contacts[0]", not Hibernate Validator's "contacts[0].<list element>".
        validator.validate(body).forEach(v -> errors.add(new FieldError(
                v.getPropertyPath().toString().replace(".<list element>", ""), v.getMessage())));
        rules(body, errors);
        errors.sort(Comparator.comparing(FieldError::field));
        return withoutEntriesOfOverlongLists(errors).stream().distinct().toList();
    }

    /**
     * A list over its bound is one error ("contacts: must have at most 50 entries"), not one more per bad entry
     * in it; every other field is still reported.
     */
    private static List<FieldError> withoutEntriesOfOverlongLists(List<FieldError> errors) {
        List<String> overlong = errors.stream().filter(e -> e.message().startsWith("must have at most "))
                .map(FieldError::field).toList();
        return errors.stream().filter(e -> overlong.stream().noneMatch(list -> e.field().startsWith(list + "[")))
                .toList();
    }

    /** Setup handed to someone needs their address; the start date is a day from today to a year ahead. */
    private static void setupRules(OnboardingRequestBody.Setup setup, LocalDate today, List<FieldError> errors) {
        if (setup == null) {
            return;
        }
        if (("DELEGATE".equals(setup.by()) || "CUSTOMER".equals(setup.by()))
                && (setup.contactEmail() == null || setup.contactEmail().isBlank())) {
            errors.add(new FieldError("setup.contactEmail", "is required when setup is by " + setup.by()));
        }
        if (setup.startDate() != null && setup.startDate().isBefore(today)) {
            errors.add(new FieldError("setup.startDate", "must be today or later"));
        } else if (setup.startDate() != null && setup.startDate().isAfter(today.plusDays(MAX_SCHEDULE.toDays()))) {
            errors.add(new FieldError("setup.startDate", "must be at most one year ahead"));
        }
    }

    private void rules(OnboardingRequestBody body, List<FieldError> errors) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (body.administrator() != null) {
            List<OnboardingRequestBody.Contact> contacts = body.contacts() == null ? List.of() : body.contacts();
            // The administrator counts as an ADMIN contact (API.md, "contacts").
            boolean siteAdmin = contacts.stream().anyMatch(c -> c != null && "SITE_ADMIN".equals(c.kind()));
            String password = body.administrator().password();
            if (password != null) {
                passwords.reject(password, personalWords(body))
                        .ifPresent(reason -> errors.add(new FieldError("administrator.password", reason)));
            }
            if (!siteAdmin) {
                errors.add(new FieldError("contacts", "needs at least one SITE_ADMIN contact"));
            }
        }
        List<OnboardingRequestBody.Plan> plans = body.plans() == null ? List.of() : body.plans();
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (int i = 0; i < plans.size(); i++) {
            OnboardingRequestBody.Plan plan = plans.get(i);
            if (plan != null && plan.startDate() != null && plan.startDate().isBefore(today)) {
                errors.add(new FieldError("plans[" + i + "].startDate", "must be today or later"));
            }
            if (plan != null && plan.planCode() != null && !codes.add(plan.planCode())) {
                errors.add(new FieldError("plans[" + i + "].planCode", "is listed more than once"));
            }
        }
        setupRules(body.setup(), today, errors);
        if (body.welcomeEmail() != null && body.welcomeEmail().sendAt() != null) {
            Instant sendAt = body.welcomeEmail().sendAt();
            if (!sendAt.isAfter(now)) {
                errors.add(new FieldError("welcomeEmail.sendAt", "must be in the future, or null for now"));
            } else if (sendAt.isAfter(now.plus(MAX_SCHEDULE))) {
                errors.add(new FieldError("welcomeEmail.sendAt", "must be at most one year ahead"));
            }
        }
    }
}
