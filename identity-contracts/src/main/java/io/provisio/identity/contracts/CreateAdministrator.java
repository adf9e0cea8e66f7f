package io.provisio.identity.contracts;

import java.util.List;

/** CREATE_ADMINISTRATOR: store the administrator and the support contacts of a new customer. */
public record CreateAdministrator(
        String customerId,
        String accountName,
        String companyName,
        List<String> domains,
        Administrator administrator,
        List<SupportContact> contacts) {
}
