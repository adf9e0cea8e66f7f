package io.provisio.customer.contracts;

import java.util.List;

/**
 * What the onboarding request says about the customer organization.
 *
 * @param setup who completes the customer's setup, or {@code null}: nobody is asked to (the customer has no setup
 *              state). Absent in messages written before delegated setup existed, which decode with {@code null}.
 */
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
        String emergencyContactEmail,
        Setup setup) {

    /** A profile without delegated setup. */
    public CustomerProfile(String accountName, String companyName, String externalCode, String parentCustomerId,
                           Address address, String businessType, String tenantType, String edition, String locale,
                           List<String> domains, String emergencyContactEmail) {
        this(accountName, companyName, externalCode, parentCustomerId, address, businessType, tenantType, edition,
                locale, domains, emergencyContactEmail, null);
    }

    /** The same profile with {@code setup}. */
    public CustomerProfile withSetup(Setup setup) {
        return new CustomerProfile(accountName, companyName, externalCode, parentCustomerId, address, businessType,
                tenantType, edition, locale, domains, emergencyContactEmail, setup);
    }
}
