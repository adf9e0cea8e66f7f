package io.provisio.identity.contracts;

import java.time.Instant;
import java.util.List;

/**
 * CREATE_ADMINISTRATOR: store the administrator and the support contacts of a new customer.
 *
 * @param language            the customer's e-mail language (en sv de it nl nb), for later activation e-mails
 * @param activationValidFrom when the welcome e-mail goes out ({@code null}: now); an activation link is valid
 *                            72 h from then, so a scheduled e-mail never carries a dead link
 */
public record CreateAdministrator(
        String customerId,
        String accountName,
        String companyName,
        List<String> domains,
        Administrator administrator,
        List<SupportContact> contacts,
        String language,
        Instant activationValidFrom) implements IdentityCommand {
}
