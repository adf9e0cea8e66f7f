package io.provisio.identity.token;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps no record of issued tokens. Access tokens are self-contained signed JWTs that every
 * service verifies on its own, and client credentials have no refresh token or consent to
 * remember; the default in-memory service would hold every token ever issued until the process
 * dies, and would differ between replicas. Consequence: introspection and revocation answer
 * "inactive"/no-op; a compromised client is stopped by changing its secret and waiting out the TTL.
 */
final class NoStoredAuthorizations implements OAuth2AuthorizationService {

    @Override
    public void save(OAuth2Authorization authorization) {
        // Nothing to keep: see the class comment.
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        // Nothing was kept.
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return null;
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return null;
    }
}
