package io.provisio.identity.token;

/**
 * A signed-in person whose tokens speak for a partner (a partner's staff member, ADR 024). An authorization-code
 * token takes its {@code partner_id} from here, as a client-credentials token takes it from its client.
 */
public interface PartnerPrincipal {

    /** The claim naming the person's role in the console. */
    String ROLE_CLAIM = "staff_role";

    String partnerId();

    /** The role's name, as the token carries it in {@link #ROLE_CLAIM}. */
    String roleName();

    /** The stable id put into the token's {@code sub} (never the e-mail address). */
    String subject();
}
