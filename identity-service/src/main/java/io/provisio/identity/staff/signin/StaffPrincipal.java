package io.provisio.identity.staff.signin;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;

import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.token.PartnerPrincipal;

/**
 * A signed-in staff member as the session and the stored authorization hold them: no password, no hash. Its name
 * (the authorization's principal name) is the sign-in name; the token's subject is the member's id.
 */
record StaffPrincipal(String id, String partnerId, String username, String displayName, String role)
        implements PartnerPrincipal, Principal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static StaffPrincipal of(StaffMember member) {
        return new StaffPrincipal(member.id(), member.partnerId(), member.username(), member.displayName(),
                member.role().name());
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public String roleName() {
        return role;
    }

    @Override
    public String subject() {
        return id;
    }
}
