package io.provisio.customer.onboarding.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.provisio.customer.contracts.SubdomainNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/onboardings} as API.md writes it. Unknown fields are refused (400). Every list is bounded
 * ({@value #MAX_CONTACTS} contacts, {@value #MAX_PLANS} plans, {@value #MAX_DOMAINS} domains): a longer one is a
 * 400 naming the list, and its entries are then not judged one by one.
 */
public record OnboardingRequestBody(
        @NotNull @Valid Customer customer,
        @NotNull @Valid Administrator administrator,
        @Size(max = MAX_CONTACTS, message = TOO_MANY) @Valid List<@NotNull Contact> contacts,
        @Size(max = MAX_PLANS, message = TOO_MANY) @Valid List<@NotNull Plan> plans,
        @Valid WelcomeEmail welcomeEmail,
        Boolean acceptPaidPlans,
        @Valid Setup setup) {

    /** Without delegated setup (the request before API.md's wave 2). */
    OnboardingRequestBody(Customer customer, Administrator administrator, List<Contact> contacts, List<Plan> plans,
                          WelcomeEmail welcomeEmail, Boolean acceptPaidPlans) {
        this(customer, administrator, contacts, plans, welcomeEmail, acceptPaidPlans, null);
    }

    /** API.md says "any number"; an organization's support contacts are a handful, so 50 is generous. */
    static final int MAX_CONTACTS = 50;
    /** API.md: 0–50 plans. */
    static final int MAX_PLANS = 50;
    /** API.md: 0–20 domains. */
    static final int MAX_DOMAINS = 20;
    static final String TOO_MANY = "must have at most {max} entries";

    /** An account name, which is also the customer's platform sub-domain: the contracts' one rule for those. */
    static final String ACCOUNT_NAME = SubdomainNames.PATTERN;
    static final String ACCOUNT_NAME_RULE = SubdomainNames.RULE;

    /** Beyond RFC 5322 syntax: a dotted domain and no spaces, so the address can actually receive mail. */
    static final String DELIVERABLE = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]{2,}$";
    static final String MUST_BE_EMAIL = "must be a valid e-mail address";

    public record Customer(
            @NotBlank @Pattern(regexp = ACCOUNT_NAME, message = ACCOUNT_NAME_RULE) String accountName,
            @NotBlank @Size(max = 200) String companyName,
            @Size(max = 100) String externalCode,
            String parentCustomerId,
            @NotNull @Valid Address address,
            @Pattern(regexp = "RETAIL|MANUFACTURING|HEALTHCARE|EDUCATION|FINANCE|PUBLIC_SECTOR|HOSPITALITY"
                    + "|PROFESSIONAL_SERVICES|TECHNOLOGY|OTHER",
                    message = "must be one of RETAIL, MANUFACTURING, HEALTHCARE, EDUCATION, FINANCE, PUBLIC_SECTOR,"
                            + " HOSPITALITY, PROFESSIONAL_SERVICES, TECHNOLOGY, OTHER")
            String businessType,
            @Pattern(regexp = "STANDARD|CUSTOM", message = "must be STANDARD or CUSTOM") String tenantType,
            @Pattern(regexp = "BASIC|STANDARD|PREMIUM", message = "must be BASIC, STANDARD or PREMIUM") String edition,
            @Pattern(regexp = "^[a-z]{2,3}(-[A-Z]{2})?$", message = "must be a language tag such as sv-SE")
            String locale,
            @Size(max = MAX_DOMAINS, message = TOO_MANY) List<@NotNull @Pattern(regexp = "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$",
                    message = "must be a lower-case DNS name") String> domains,
            @Email(regexp = DELIVERABLE, message = MUST_BE_EMAIL) String emergencyContactEmail) {
    }

    public record Address(
            @Size(max = 200) String street,
            @NotBlank @Size(max = 100) String city,
            @Size(max = 100) String region,
            @Size(max = 20) String postalCode,
            @NotBlank @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code such as SE")
            String country) {
    }

    record Administrator(
            @NotBlank @Pattern(regexp = "^[a-z0-9._-]{1,64}$",
                    message = "1-64 lower-case letters, digits, dots, underscores and hyphens") String username,
            @NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName,
            @Size(max = 200) String displayName,
            @NotBlank @Email(regexp = DELIVERABLE, message = MUST_BE_EMAIL) String email,
            String password,
            @Size(max = 40) String phone,
            @Size(max = 100) String jobTitle,
            @Size(max = 100) String department) {

        /** Never prints the password. */
        @Override
        public String toString() {
            return "Administrator[username=" + username + "]";
        }
    }

    record Contact(
            @NotNull @Pattern(regexp = "ADMIN|SITE_ADMIN|OTHER", message = "must be ADMIN, SITE_ADMIN or OTHER")
            String kind,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email(regexp = DELIVERABLE, message = MUST_BE_EMAIL) String email,
            @Size(max = 40) String phone) {
    }

    record Plan(
            @NotBlank @Pattern(regexp = "^[A-Z0-9][A-Z0-9_-]{0,63}$",
                    message = "must be a plan code such as HOSTED-EXCHANGE") String planCode,
            @Min(value = 1, message = "must be at least 1") @Max(1_000_000) int units,
            LocalDate startDate) {
    }

    /**
     * Who completes setup after the onboarding (API.md, "Setup"; ADR 023). The rules across its fields (a contact
     * for DELEGATE and CUSTOMER, a start date not in the past) are {@link OnboardingValidator}'s.
     *
     * @param startDate {@code null}: the day the onboarding is asked for (UTC)
     */
    record Setup(
            @NotNull @Pattern(regexp = "PARTNER|DELEGATE|CUSTOMER", message = "must be PARTNER, DELEGATE or CUSTOMER")
            String by,
            @Email(regexp = DELIVERABLE, message = MUST_BE_EMAIL) String contactEmail,
            LocalDate startDate) {
    }

    record WelcomeEmail(
            Instant sendAt,
            @Pattern(regexp = "en|sv|de|it|nl|nb", message = "must be one of en, sv, de, it, nl, nb") String language) {
    }
}
