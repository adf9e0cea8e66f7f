package io.provisio.identity.partner.domain;

import java.time.Instant;
import java.util.Set;

/**
 * An OAuth2 client of a partner (client-credentials grant only).
 *
 * @param secretHash the client secret as a DelegatingPasswordEncoder hash, e.g. {@code {bcrypt}...};
 *                   the secret itself is never stored
 */
public record ApiClient(String id, String partnerId, String clientId, String secretHash, Set<ApiScope> scopes,
                        Instant createdAt) {

    public ApiClient {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("an API client needs a clientId");
        }
        if (partnerId == null || partnerId.isBlank()) {
            throw new IllegalArgumentException("API client " + clientId + " needs a partner");
        }
        if (secretHash == null || !secretHash.startsWith("{") || secretHash.startsWith("{noop}")) {
            throw new IllegalArgumentException("API client " + clientId + " needs a hashed secret");
        }
        scopes = Set.copyOf(scopes);
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "ApiClient[clientId=" + clientId + ", partnerId=" + partnerId + ", scopes=" + scopes + "]";
    }
}
