package io.provisio.customer.onboarding.application;

/** The platform sub-domain an account name gives its customer belongs to another organization (ADR 012). */
public class SubdomainTakenException extends RuntimeException {

    private final String subdomain;

    public SubdomainTakenException(String subdomain) {
        super("the sub-domain " + subdomain + " belongs to another organization");
        this.subdomain = subdomain;
    }

    public String subdomain() {
        return subdomain;
    }
}
