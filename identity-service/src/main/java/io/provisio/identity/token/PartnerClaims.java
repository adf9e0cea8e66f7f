package io.provisio.identity.token;

import java.util.List;

import io.provisio.identity.partner.application.PartnerRegistry;
import io.provisio.identity.partner.domain.Partner;
import io.provisio.identity.partner.persistence.ApiClientStore;
import io.provisio.platform.security.PartnerId;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the client's partner into every access token as {@code partner_id}: the one fact every
 * service scopes its data by (for the console's authorization-code tokens the signed-in staff member's partner,
 * with the member's role in {@code staff_role} and id in {@code sub}, ADR 024); and its display name as {@code partner_name}, which customer-service
 * greets with in e-mails without asking identity. The audience ({@code aud}) is the Provisio API
 * that every service and the gateway require (ADR 009), in place of the client id Spring Authorization
 * Server puts there by default. The {@code scope} claim is added by the token generator itself.
 */
final class PartnerClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String PARTNER_NAME = "partner_name";

    private final PartnerRegistry partners;
    private final String audience;

    PartnerClaims(PartnerRegistry partners, String audience) {
        this.partners = partners;
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        String partnerId = context.getRegisteredClient().getClientSettings()
                .getSetting(ApiClientStore.PARTNER_ID_SETTING);
        if (context.getPrincipal() != null && context.getPrincipal().getPrincipal() instanceof PartnerPrincipal staff) {
            partnerId = staff.partnerId();
            context.getClaims().subject(staff.subject());
            context.getClaims().claim(PartnerPrincipal.ROLE_CLAIM, staff.roleName());
        }
        if (partnerId == null || partnerId.isBlank()) {
            // A token without a partner would be refused by every service; better not to issue it.
            throw new IllegalStateException("API client " + context.getRegisteredClient().getClientId()
                    + " belongs to no partner");
        }
        context.getClaims().audience(List.of(audience));
        context.getClaims().claim(PartnerId.CLAIM, partnerId);
        context.getClaims().claim(PARTNER_NAME, partners.find(partnerId).map(Partner::name).orElse(partnerId));
    }
}
