package io.provisio.platform.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What makes a token a partner's: the default checks (expiry, not-before), our issuer, our audience
 * (a token identity issued for something else is not one for this API) and a partner id.
 */
public final class PartnerTokens {

    private PartnerTokens() {
    }

    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtAudienceValidator(audience),
                new JwtClaimValidator<String>(PartnerId.CLAIM, partner -> partner != null && !partner.isBlank()));
    }
}
