package io.provisio.customer.contracts;

/**
 * From identity-service's setup page, outside any saga (ADR 026): is {@code <name>.<platform domain>} free for this
 * customer of the envelope's partner? Writes nothing; answered with {@link SubdomainAvailability} straight to the
 * command's {@code replyTo}. Advisory, as {@code GET /api/v1/subdomains/{name}}: {@link ClaimSubdomain} decides.
 *
 * @param name the label, by {@link SubdomainNames}; a command with another name does not decode (poison)
 */
public record CheckSubdomain(String customerId, String name) implements CustomerCommand {

    public CheckSubdomain {
        if (customerId == null || customerId.isBlank() || !SubdomainNames.valid(name)) {
            throw new IllegalArgumentException("CheckSubdomain needs a customer id and a valid sub-domain name");
        }
    }
}
