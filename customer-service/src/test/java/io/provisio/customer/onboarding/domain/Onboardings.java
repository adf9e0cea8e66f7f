package io.provisio.customer.onboarding.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.provisio.customer.onboarding.domain.OnboardingRequest.Address;
import io.provisio.customer.onboarding.domain.OnboardingRequest.Administrator;
import io.provisio.customer.onboarding.domain.OnboardingRequest.Contact;
import io.provisio.customer.onboarding.domain.OnboardingRequest.Customer;
import io.provisio.customer.onboarding.domain.OnboardingRequest.Plan;
import io.provisio.customer.onboarding.domain.OnboardingRequest.Setup;


/** Named onboarding scenarios for the saga's tests. */
final class Onboardings {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private Onboardings() {
    }

    /** The Swedish example: hosted services bundle, activation link instead of a password. */
    static Onboarding swedishCustomerWithHostedExchange() {
        return swedishCustomer(null);
    }

    /** The Swedish example, but the partner set the administrator's password (here already hashed). */
    static Onboarding withPassword(String passwordHash) {
        return swedishCustomer(passwordHash);
    }

    /** The Swedish example, with setup handed to the customer's IT contact from 7 December (ADR 023). */
    static Onboarding withSetupDelegatedToItsIt() {
        Onboarding plain = swedishCustomer(null);
        OnboardingRequest asked = plain.request();
        Customer c = asked.customer();
        Customer delegating = new Customer(c.accountName(), c.companyName(), c.externalCode(), c.parentCustomerId(),
                c.address(), c.businessType(), c.tenantType(), c.edition(), c.locale(), c.domains(),
                c.emergencyContactEmail(), new Setup("DELEGATE", "it@testbolag.se", LocalDate.parse("2026-12-07")));
        OnboardingRequest request = new OnboardingRequest(delegating, asked.administrator(), asked.contacts(),
                asked.plans(), asked.acceptPaidPlans(), asked.welcomeEmail());
        return Onboarding.create("onb-1", "nordic-it", "cus-1", null, request, T0);
    }

    private static Onboarding swedishCustomer(String passwordHash) {
        OnboardingRequest request = new OnboardingRequest(
                new Customer("testbolag", "Testbolag Göteborg AB", "OIP-10042", null,
                        new Address("Kungsgatan 12", "Göteborg", "Västra Götaland", "411 19", "SE"),
                        "PROFESSIONAL_SERVICES", "STANDARD", "BASIC", "sv-SE", List.of("testbolag.se"),
                        "driftlarm@testbolag.se", null),
                new Administrator("bengt.testsson", "Bengt", "Testsson", "Bengt Testsson",
                        "bengt.testsson@testbolag.se", passwordHash, null, "IT-ansvarig", "IT"),
                List.of(new Contact("SITE_ADMIN", "Åsa Öberg", "asa.oberg@testbolag.se", null)),
                List.of(new Plan("CUSTOMER-PORTAL", 1, LocalDate.parse("2026-12-01")),
                        new Plan("HOSTED-EXCHANGE", 10, LocalDate.parse("2026-12-01"))),
                true,
                new OnboardingRequest.WelcomeEmail(null, "sv", "Nordic IT Partner AB"));
        return Onboarding.create("onb-1", "nordic-it", "cus-1",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", request, T0);
    }
}
