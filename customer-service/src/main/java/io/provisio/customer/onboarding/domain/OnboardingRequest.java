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

    /** A sub-customer takes locale, business type and emergency contact from its parent where it gives none. */
    public OnboardingRequest inheritingFrom(String locale, String businessType, String emergencyContactEmail) {
        CustomerProfile c = customer;
        CustomerProfile inherited = new CustomerProfile(c.accountName(), c.companyName(), c.externalCode(),
                c.parentCustomerId(), c.address(), c.businessType() == null ? businessType : c.businessType(),
                c.tenantType(), c.edition(), c.locale() == null ? locale : c.locale(), c.domains(),
                c.emergencyContactEmail() == null ? emergencyContactEmail : c.emergencyContactEmail(), c.setup());
        return new OnboardingRequest(inherited, administrator, contacts, plans, acceptPaidPlans, welcomeEmail);
    }

    /** Fills what the partner left to defaults; run after inheritance, since the language follows the locale. */
    public OnboardingRequest withDefaults() {
        CustomerProfile c = customer;
        CustomerProfile completed = new CustomerProfile(c.accountName(), c.companyName(), c.externalCode(),
                c.parentCustomerId(), c.address(), c.businessType() == null ? "OTHER" : c.businessType(),
                c.tenantType() == null ? "STANDARD" : c.tenantType(), c.edition() == null ? "BASIC" : c.edition(),
                c.locale(), c.domains(), c.emergencyContactEmail(), c.setup());
        WelcomeEmail welcome = welcomeEmail.language() != null ? welcomeEmail
                : new WelcomeEmail(welcomeEmail.sendAt(), languageOf(c.locale()), welcomeEmail.partnerName());
        return new OnboardingRequest(completed, administrator, contacts, plans, acceptPaidPlans, welcome);
    }

    /** The e-mail language a locale implies: one of ours, Norwegian variants as {@code nb}, else English. */
    static String languageOf(String locale) {
        if (locale == null) {
            return "en";
        }
        String language = java.util.Locale.forLanguageTag(locale).getLanguage();
        if ("no".equals(language) || "nn".equals(language)) {
            language = "nb";
        }
        return LANGUAGES.contains(language) ? language : "en";
    }

    private static final java.util.Set<String> LANGUAGES = java.util.Set.of("en", "sv", "de", "it", "nl", "nb");

    /**
     * @param sendAt      {@code null} means now
     * @param language    {@code null} until {@link #withDefaults()} chose one
     * @param partnerName who the e-mail comes from, as the partner's token names it
     */
    public record WelcomeEmail(Instant sendAt, String language, String partnerName) {
    }
}
