package io.provisio.customer.onboarding.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.provisio.customer.contracts.Address;
import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.customer.contracts.Setup;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.SupportContact;
import io.provisio.subscription.contracts.PlanRequest;
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
    private Setup setup(OnboardingRequestBody.Setup setup) {
        if (setup == null) {
            return null;
        }
        return new Setup(setup.by(), setup.contactEmail(), setup.startDate() != null ? setup.startDate()
                : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** @param partnerName the partner's display name, for the e-mails' greeting */
    OnboardingRequest of(OnboardingRequestBody body, String partnerName) {
        OnboardingRequestBody.Customer c = body.customer();
        OnboardingRequestBody.Address a = c.address();
        OnboardingRequestBody.Administrator admin = body.administrator();
        CustomerProfile profile = new CustomerProfile(c.accountName(), c.companyName(), c.externalCode(),
                c.parentCustomerId(),
                new Address(a.street(), a.city(), a.region(), a.postalCode(), a.country()),
                c.businessType(), c.tenantType(), c.edition(),
                c.locale(), c.domains() == null ? List.of() : c.domains(), c.emergencyContactEmail(),
                setup(body.setup()));
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
}
