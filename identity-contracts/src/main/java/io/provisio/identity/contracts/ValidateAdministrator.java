package io.provisio.identity.contracts;

import java.util.List;

/**
 * Dry run of CREATE_ADMINISTRATOR for a customer that does not exist yet: answer a
 * {@code io.provisio.customer.contracts.DryRunReport} (e.g. {@code ADMIN_EMAIL_IN_USE} on
 * {@code administrator.email}, {@code USERNAME_TAKEN} on {@code administrator.username}) to the command's
 * {@code replyTo}, and write nothing.
 *
 * @param accountName the customer's account name: without domains the administrator's sign-in name (UPN) is
 *                    {@code username@<accountName>.<platform domain>}, so it is needed to judge USERNAME_TAKEN;
 *                    {@code null} from senders older than this field, and then only a UPN on a domain is judged
 */
public record ValidateAdministrator(List<String> domains, Administrator administrator, List<SupportContact> contacts,
                                    String accountName) implements IdentityCommand {
}
