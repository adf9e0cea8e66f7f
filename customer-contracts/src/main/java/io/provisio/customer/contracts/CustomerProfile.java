package io.provisio.customer.contracts;

import java.util.List;

/** What the onboarding request says about the customer organization. */
public record CustomerProfile(
        String accountName,
        String companyName,
        String externalCode,
        String parentCustomerId,
        Address address,
        String businessType,
        String tenantType,
        String edition,
        String locale,
        List<String> domains,
        String emergencyContactEmail) {
}
