package io.provisio.customer.contracts;

/**
 * The answer to {@link ClaimSubdomain} when the customer holds the sub-domain now (also when it held it already); the
 * one it held before is released.
 *
 * @param subdomain the full name, {@code <name>.<platform domain>}
 */
public record SubdomainClaimed(String customerId, String subdomain) implements SubdomainAnswer {
}
