package io.provisio.identity.contracts;

import java.time.Instant;

/**
 * @param activationRequired  the administrator got no password and must activate the account by link
 * @param activationToken     the one-time token for the link, only when activation is required; identity keeps
 *                            only its hash and stores this reply without it (a re-sent reply carries {@code null})
 * @param activationExpiresAt when the token dies
 */
public record AdministratorCreated(String customerId, String userId, String upn, boolean activationRequired,
                                   String activationToken, Instant activationExpiresAt) implements IdentityReply {

    /** The reply as stored for re-sending: never the token. */
    public AdministratorCreated withoutToken() {
        return new AdministratorCreated(customerId, userId, upn, activationRequired, null, activationExpiresAt);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "AdministratorCreated[customerId=" + customerId + ", userId=" + userId + ", upn=" + upn
                + ", activationRequired=" + activationRequired + "]";
    }
}
