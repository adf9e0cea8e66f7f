package io.provisio.customer.onboarding.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

import io.provisio.customer.onboarding.application.DryRuns;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * A valid request body as the saga keeps it: the administrator's password hashed here, before anything is stored.
 * Inheritance and defaults come later (they depend on the parent). One conversion for the single onboarding and
 * every row of a batch.
 */
@Component
class OnboardingRequests {

    private final PasswordEncoder passwords;
    private final Clock clock;

    OnboardingRequests(PasswordEncoder passwords, Clock clock) {
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Setup as the saga keeps it: without a start date it starts today (UTC). */
    private OnboardingRequest.Setup setup(OnboardingRequestBody.Setup setup) {
        if (setup == null) {
            return null;
        }
        return new OnboardingRequest.Setup(setup.by(), setup.contactEmail(), setup.startDate() != null ? setup.startDate()
                : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** @param partnerName the partner's display name, for the e-mails' greeting */
    OnboardingRequest of(OnboardingRequestBody body, String partnerName) {
        OnboardingRequestBody.Customer c = body.customer();
        OnboardingRequestBody.Address a = c.address();
        OnboardingRequestBody.Administrator admin = body.administrator();
        OnboardingRequest.Customer customer = new OnboardingRequest.Customer(c.accountName(), c.companyName(),
                c.externalCode(), c.parentCustomerId(),
                new OnboardingRequest.Address(a.street(), a.city(), a.region(), a.postalCode(), a.country()),
                c.businessType(), c.tenantType(), c.edition(), c.locale(), c.domains(), c.emergencyContactEmail(),
                setup(body.setup()));
        OnboardingRequest.Administrator administrator = new OnboardingRequest.Administrator(admin.username(), admin.firstName(), admin.lastName(),
                admin.displayName() == null ? admin.firstName() + " " + admin.lastName() : admin.displayName(),
                admin.email(),
                admin.password() == null ? null : passwords.encode(admin.password()),
                admin.phone(), admin.jobTitle(), admin.department());
        List<OnboardingRequest.Contact> contacts = body.contacts() == null ? List.of() : body.contacts().stream()
                .map(k -> new OnboardingRequest.Contact(k.kind(), k.name(), k.email(), k.phone())).toList();
        List<OnboardingRequest.Plan> plans = body.plans() == null ? List.of() : body.plans().stream()
                .map(p -> new OnboardingRequest.Plan(p.planCode(), p.units(), p.startDate())).toList();
        OnboardingRequestBody.WelcomeEmail welcome = body.welcomeEmail();
        return new OnboardingRequest(customer, administrator, contacts, plans,
                Boolean.TRUE.equals(body.acceptPaidPlans()),
                new OnboardingRequest.WelcomeEmail(welcome == null ? null : welcome.sendAt(),
                        welcome == null ? null : welcome.language(), partnerName));
    }

    /**
     * Whatever a body holds, valid or not, as the dry run judges it: nothing defaulted, nothing hashed (the
     * administrator's password is judged by the field rules and goes nowhere).
     */
    DryRuns.Request dryRun(OnboardingRequestBody body) {
        OnboardingRequestBody.Customer c = body.customer();
        OnboardingRequestBody.Administrator a = body.administrator();
        return new DryRuns.Request(
                c == null ? null : new DryRuns.Request.Customer(c.accountName(), c.domains(), c.parentCustomerId()),
                a == null ? null : new OnboardingRequest.Administrator(a.username(), a.firstName(), a.lastName(),
                        a.displayName(), a.email(), null, a.phone(), a.jobTitle(), a.department()),
                eachOrNull(body.contacts(), k -> new OnboardingRequest.Contact(k.kind(), k.name(), k.email(), k.phone())),
                eachOrNull(body.plans(), p -> new OnboardingRequest.Plan(p.planCode(), p.units(), p.startDate())),
                Boolean.TRUE.equals(body.acceptPaidPlans()));
    }

    /** Maps every entry, keeping a missing entry missing, so positions (and the errors naming them) hold. */
    private static <T, R> List<R> eachOrNull(List<T> entries, Function<T, R> mapping) {
        return entries == null ? null : entries.stream().map(e -> e == null ? null : mapping.apply(e)).toList();
    }
}
