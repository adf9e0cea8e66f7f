package io.provisio.customer.onboarding.domain;

import java.time.Instant;

/**
 * What identity answered for the administrator. The activation token is a secret in transit: the
 * onboarding holds it only from identity's reply until the welcome command that carries it to
 * notification-service is written, and drops it if the onboarding fails first.
 */
public record AdministratorAccount(String userId, String upn, boolean activationRequired, String activationToken,
                                   Instant activationExpiresAt) {

    AdministratorAccount withoutToken() {
        return new AdministratorAccount(userId, upn, activationRequired, null, activationExpiresAt);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "AdministratorAccount[userId=" + userId + ", upn=" + upn + ", activationRequired=" + activationRequired + "]";
    }
}
