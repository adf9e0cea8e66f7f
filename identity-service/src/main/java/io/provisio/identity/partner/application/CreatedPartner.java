package io.provisio.identity.partner.application;

import java.time.Instant;
import java.util.List;

/**
 * The answer to creating a partner: the only time the client secret is ever shown; identity keeps only
 * its hash.
 */
public record CreatedPartner(String id, String name, String notificationEmail, Instant createdAt, Client client) {

    public record Client(String clientId, String clientSecret, List<String> scopes) {

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "Client[clientId=" + clientId + ", scopes=" + scopes + "]";
        }
    }
}
