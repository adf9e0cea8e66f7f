package io.provisio.customer.customers.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.provisio.customer.customers.domain.Address;
import io.provisio.customer.customers.domain.Customer;
import io.provisio.customer.customers.domain.Setup;

/**
 * A customer as API.md shows it: every field given at onboarding plus its id, status, sub-domain and timestamps;
 * {@code setup} only when the onboarding named one (left out before wave 2, as it was). Internal fields (the
 * search key, the saga, the depth, the version) stay inside.
 */
public record CustomerView(String id, String partnerId, String status, String accountName, String companyName,
                           String externalCode, String parentCustomerId, Address address, String businessType,
                           String tenantType, String edition, String locale, List<String> domains,
                           String emergencyContactEmail, String subdomain, Instant createdAt, Instant activatedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) SetupView setup) {

    static CustomerView of(Customer c) {
        return new CustomerView(c.id(), c.partnerId(), c.status().name(), c.accountName(), c.companyName(),
                c.externalCode(), c.parentCustomerId(), c.address(), c.businessType(), c.tenantType(), c.edition(),
                c.locale(), c.domains(), c.emergencyContactEmail(), held(c.subdomain()), c.createdAt(), c.activatedAt(),
                c.setup() == null ? null : SetupView.of(c.setup()));
    }

    /**
     * The sub-domain a customer holds: none ({@code null}) when it shares its account name's sub-domain with an older
     * customer of another partner (ADR 012 marks those {@code shared:<name>}).
     */
    private static String held(String subdomain) {
        return subdomain == null || subdomain.startsWith("shared:") ? null : subdomain;
    }

    /** @param subdomain the sub-domain the setup confirmed, once it is done */
    public record SetupView(String status, String by, String contactEmail, LocalDate startDate, Instant escalatedAt,
                            Instant completedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String subdomain) {

        static SetupView of(Setup s) {
            return new SetupView(s.status(), s.by(), s.contactEmail(), s.startDate(), s.escalatedAt(), s.completedAt(),
                    s.subdomain());
        }
    }
}
