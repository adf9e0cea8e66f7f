package io.provisio.customer.onboarding.application;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.springframework.stereotype.Service;

/**
 * Whether an account name's platform sub-domain is free ({@code GET /api/v1/subdomains/{name}}), with free
 * variants when it is not. Advisory: the claim REGISTER_CUSTOMER makes (unique by {@code _id} in
 * {@code domain_claims}) decides, so a name free now may be taken by the time an onboarding of it starts.
 */
@Service
public class Subdomains {

    private static final int SUGGESTIONS = 3;
    private static final int MAX_LENGTH = 63;

    private final DomainClaims claims;
    private final OnboardingRepository onboardings;

    Subdomains(DomainClaims claims, OnboardingRepository onboardings) {
        this.claims = claims;
        this.onboardings = onboardings;
    }

    /** @param subdomain the full name, {@code <name>.<platform domain>} */
    public record Availability(String name, String subdomain, boolean available, List<String> suggestions) {
    }

    /**
     * @param name a valid account name
     * @return available when no customer of any partner holds its sub-domain and no live onboarding of this partner
     *         reserves the name; otherwise up to three free variants ({@code name-2}, {@code name-3}, ...)
     */
    public Availability check(String partnerId, String name) {
        if (!free(partnerId, List.of(name)).isEmpty()) {
            return new Availability(name, claims.subdomainOf(name), true, List.of());
        }
        return new Availability(name, claims.subdomainOf(name), false, suggestions(partnerId, name));
    }

    /**
     * As {@link #check}, for an existing customer choosing another sub-domain on its setup page (ADR 026): the one it
     * holds itself counts as available.
     */
    public Availability checkFor(String partnerId, String customerId, String name) {
        if (claims.heldBy(claims.subdomainOf(name), partnerId, customerId)) {
            return new Availability(name, claims.subdomainOf(name), true, List.of());
        }
        return check(partnerId, name);
    }

    /** Up to three free variants of a name ({@code name-2}, {@code name-3}, ...), in order. */
    public List<String> suggestions(String partnerId, String name) {
        String base = name.length() <= MAX_LENGTH - 2 ? name : name.substring(0, MAX_LENGTH - 2).replaceAll("-+$", "");
        List<String> variants = IntStream.rangeClosed(2, 9).mapToObj(n -> base + "-" + n).toList();
        return free(partnerId, variants).stream().limit(SUGGESTIONS).toList();
    }

    /** Those of {@code names} no customer's sub-domain and none of the partner's live onboardings hold, in order. */
    private List<String> free(String partnerId, List<String> names) {
        Set<String> claimed = new HashSet<>(claims.claimed(names.stream().map(claims::subdomainOf).toList()));
        return names.stream().filter(n -> !claimed.contains(claims.subdomainOf(n)))
                .filter(n -> !onboardings.accountNameInUse(partnerId, n)).toList();
    }
}
