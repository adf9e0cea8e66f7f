package io.provisio.customer.onboarding.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

    OnboardingValidator(Validator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    void check(OnboardingRequestBody body) {
        List<FieldError> errors = new ArrayList<>();
        // API.md paths: "contacts[0]", not Hibernate Validator's "contacts[0].<list element>".
        validator.validate(body).forEach(v -> errors.add(new FieldError(
                v.getPropertyPath().toString().replace(".<list element>", ""), v.getMessage())));
        rules(body, errors);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw ApiProblem.validation(errors.stream().distinct().toList());
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
            // bcrypt reads at most 72 bytes: a longer password would be silently truncated or refused.
            if (password != null && password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
                errors.add(new FieldError("administrator.password", "must be at most 72 bytes in UTF-8"));
            }
            if (!siteAdmin) {
                errors.add(new FieldError("contacts", "needs at least one SITE_ADMIN contact"));
            }
        }
        List<OnboardingRequestBody.Plan> plans = body.plans() == null ? List.of() : body.plans();
        for (int i = 0; i < plans.size(); i++) {
            OnboardingRequestBody.Plan plan = plans.get(i);
            if (plan != null && plan.startDate() != null && plan.startDate().isBefore(today)) {
                errors.add(new FieldError("plans[" + i + "].startDate", "must be today or later"));
            }
        }
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
