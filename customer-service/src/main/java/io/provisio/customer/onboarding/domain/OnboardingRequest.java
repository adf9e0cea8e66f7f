package io.provisio.customer.onboarding.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.provisio.languages.Languages;

/**
 * What the partner asked for, as the saga keeps it: the orchestrator's own model, not the participants' wire records,
 * so a participant's contract can change without changing the stored saga (the messaging adapter builds each
 * command from this). The JSON field names are those the stored sagas already carry. The administrator's password
 * is already a slow salted hash here: no plain password is ever stored in the saga or sent on the broker.
 */
public record OnboardingRequest(
        Customer customer,
        Administrator administrator,
        List<Contact> contacts,
        List<Plan> plans,
        boolean acceptPaidPlans,
        WelcomeEmail welcomeEmail) {

    public OnboardingRequest {
        contacts = List.copyOf(contacts);
        plans = List.copyOf(plans);
    }

    /** The plans' codes, in the partner's order. */
    public List<String> planCodes() {
        return plans.stream().map(Plan::planCode).toList();
    }

    OnboardingRequest withoutPasswordHash() {
        return new OnboardingRequest(customer, administrator.withPasswordHash(null), contacts, plans, acceptPaidPlans,
                welcomeEmail);
    }

    /** A sub-customer takes locale, business type and emergency contact from its parent where it gives none. */
    public OnboardingRequest inheritingFrom(String locale, String businessType, String emergencyContactEmail) {
        Customer c = customer;
        Customer inherited = new Customer(c.accountName(), c.companyName(), c.externalCode(), c.parentCustomerId(),
                c.address(), c.businessType() == null ? businessType : c.businessType(), c.tenantType(), c.edition(),
                c.locale() == null ? locale : c.locale(), c.domains(),
                c.emergencyContactEmail() == null ? emergencyContactEmail : c.emergencyContactEmail(), c.setup());
        return new OnboardingRequest(inherited, administrator, contacts, plans, acceptPaidPlans, welcomeEmail);
    }

    /** Fills what the partner left to defaults; run after inheritance, since the language follows the locale. */
    public OnboardingRequest withDefaults() {
        Customer c = customer;
        Customer completed = new Customer(c.accountName(), c.companyName(), c.externalCode(), c.parentCustomerId(),
                c.address(), c.businessType() == null ? "OTHER" : c.businessType(),
                c.tenantType() == null ? "STANDARD" : c.tenantType(), c.edition() == null ? "BASIC" : c.edition(),
                c.locale(), c.domains(), c.emergencyContactEmail(), c.setup());
        WelcomeEmail welcome = welcomeEmail.language() != null ? welcomeEmail
                : new WelcomeEmail(welcomeEmail.sendAt(), Languages.forLocale(c.locale()),
                welcomeEmail.partnerName());
        return new OnboardingRequest(completed, administrator, contacts, plans, acceptPaidPlans, welcome);
    }

    /**
     * The organization to register.
     *
     * @param domains the customer's own e-mail domains (never null)
     * @param setup   who completes setup after the onboarding, or {@code null} when nobody is asked to
     */
    public record Customer(String accountName, String companyName, String externalCode, String parentCustomerId,
                           Address address, String businessType, String tenantType, String edition, String locale,
                           List<String> domains, String emergencyContactEmail, Setup setup) {

        public Customer {
            domains = domains == null ? List.of() : List.copyOf(domains);
        }
    }

    /** @param country ISO 3166-1 alpha-2 */
    public record Address(String street, String city, String region, String postalCode, String country) {
    }

    /**
     * Delegated setup (ADR 023).
     *
     * @param by        {@code PARTNER}, {@code DELEGATE} or {@code CUSTOMER}
     * @param startDate the day (UTC) the "Configure now" e-mail goes out
     */
    public record Setup(String by, String contactEmail, LocalDate startDate) {
    }

    /** The first administrator; {@code passwordHash} is {@code null} when they set it through the activation link. */
    public record Administrator(String username, String firstName, String lastName, String displayName, String email,
                                String passwordHash, String phone, String jobTitle, String department) {

        Administrator withPasswordHash(String hash) {
            return new Administrator(username, firstName, lastName, displayName, email, hash, phone, jobTitle,
                    department);
        }

        @Override
        public String toString() {
            return "Administrator[username=" + username + ", email=" + email + "]";
        }
    }

    /** A support contact: {@code kind} ADMIN, SITE_ADMIN or OTHER. */
    public record Contact(String kind, String name, String email, String phone) {
    }

    /** Units of a plan from the partner's inventory, from a day. */
    public record Plan(String planCode, int units, LocalDate startDate) {
    }

    /**
     * @param sendAt      {@code null} means now
     * @param language    {@code null} until {@link #withDefaults()} chose one (the locale's, {@link Languages#forLocale})
     * @param partnerName who the e-mail comes from, as the partner's token names it
     */
    public record WelcomeEmail(Instant sendAt, String language, String partnerName) {
    }
}
