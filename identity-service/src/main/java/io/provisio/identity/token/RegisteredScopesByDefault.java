package io.provisio.identity.token;

import java.util.LinkedHashSet;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;

/**
 * A client-credentials request without {@code scope} gets every scope registered for the client
 * (RFC 6749 §3.3 lets the server choose the default). Spring Authorization Server would otherwise
 * issue a token with no scope at all, which no Provisio endpoint accepts. A request that names
 * scopes is checked and narrowed as usual.
 */
final class RegisteredScopesByDefault implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    private RegisteredScopesByDefault(AuthenticationProvider delegate) {
        this.delegate = delegate;
    }

    /** Wraps the client-credentials provider and leaves every other provider as it is. */
    static AuthenticationProvider wrap(AuthenticationProvider provider) {
        return provider instanceof OAuth2ClientCredentialsAuthenticationProvider
                ? new RegisteredScopesByDefault(provider) : provider;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (authentication instanceof OAuth2ClientCredentialsAuthenticationToken request
                && request.getScopes().isEmpty()
                && request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null) {
            return delegate.authenticate(new OAuth2ClientCredentialsAuthenticationToken(client,
                    new LinkedHashSet<>(client.getRegisteredClient().getScopes()),
                    request.getAdditionalParameters()));
        }
        return delegate.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
