package io.provisio.identity.user.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;


/**
 * A customer's setup link (ADR 023): one per customer, issued when its onboarding with delegated setup completed. The
 * token is kept only as its hash ({@link ActivationToken}, the same 256-bit form as an activation link's); it works
 * once, until {@code token.expiresAt()}.
 *
 * @param by          {@code PARTNER}, {@code DELEGATE} or {@code CUSTOMER}
 * @param completedAt when setup was completed through the link, or {@code null} while it is pending
 * @param services    the plan codes the onboarding assigned, for the page to confirm
 * @param subdomain   the sub-domain confirmed on the page, once completed
 */
public record SetupLink(
        String customerId,
        String partnerId,
        String by,
        String contactEmail,
        LocalDate startDate,
        List<String> services,
        ActivationToken token,
        Instant createdAt,
        Instant completedAt,
        String subdomain) {

    public SetupLink {
        if (customerId == null || partnerId == null || token == null) {
            throw new IllegalArgumentException("a setup link needs its customer, partner and token");
        }
        services = services == null ? List.of() : List.copyOf(services);
    }

    public boolean completed() {
        return completedAt != null;
    }

    public boolean expiredAt(Instant now) {
        return token.expiredAt(now);
    }
}
