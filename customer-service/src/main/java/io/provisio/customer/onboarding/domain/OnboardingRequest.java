package io.provisio.customer.onboarding.domain;

import java.time.Instant;
import java.util.List;

import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.SupportContact;
import io.provisio.subscription.contracts.PlanRequest;

/**
 * What the partner asked for, as the saga keeps it. The administrator's password is already a
 * slow salted hash here: no plain password is ever stored in the saga or sent on the broker.
 */
public record OnboardingRequest(
        CustomerProfile customer,
        Administrator administrator,
        List<SupportContact> contacts,
        List<PlanRequest> plans,
        boolean acceptPaidPlans,
        WelcomeEmail welcomeEmail) {

    public OnboardingRequest {
        contacts = List.copyOf(contacts);
        plans = List.copyOf(plans);
    }

    OnboardingRequest withoutPasswordHash() {
        Administrator a = administrator;
        return new OnboardingRequest(customer, new Administrator(a.username(), a.firstName(), a.lastName(),
                a.displayName(), a.email(), null, a.phone(), a.jobTitle(), a.department()), contacts, plans,
                acceptPaidPlans, welcomeEmail);
    }

    /** @param sendAt {@code null} means now */
    public record WelcomeEmail(Instant sendAt, String language) {
    }
}
