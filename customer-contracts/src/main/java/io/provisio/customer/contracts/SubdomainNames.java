package io.provisio.customer.contracts;

import java.util.regex.Pattern;

/**
 * The rule for a platform sub-domain's name, {@code <name>.<platform domain>}: an account name (which gives a customer
 * its first sub-domain) and a sub-domain chosen on the setup page (ADR 026) follow the same one, so the API, the page
 * and customer-service's claim cannot disagree.
 */
public final class SubdomainNames {

    /** One DNS label: 3-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen. */
    public static final String PATTERN = "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$";

    /** The rule in words, as the API's errors say it. */
    public static final String RULE = "3-63 lower-case letters, digits and hyphens, not starting or ending with a "
            + "hyphen";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private SubdomainNames() {
    }

    public static boolean valid(String name) {
        return name != null && COMPILED.matcher(name).matches();
    }
}
