package io.provisio.identity.partner.domain;

import java.util.Arrays;
import java.util.Locale;

/** What a partner's token may do (API.md, "Authentication"). */
public enum ApiScope {

    /** Create and read onboardings, customers, users, contacts, subscriptions, notifications. */
    ONBOARDING,
    /** Read plans and the partner's own inventory. */
    CATALOG,
    /** Platform operator: partners, plans, inventory. */
    OPERATOR;

    /** The scope as it appears in tokens and requests. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a scope Provisio does not know */
    public static ApiScope of(String value) {
        return Arrays.stream(values())
                .filter(scope -> scope.value().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scope '" + value + "', expected one of "
                        + Arrays.stream(values()).map(ApiScope::value).toList()));
    }
}
