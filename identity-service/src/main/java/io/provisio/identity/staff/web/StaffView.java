package io.provisio.identity.staff.web;

import java.time.Instant;

import io.provisio.identity.staff.domain.StaffMember;

/**
 * A staff member as the API shows them: never the password's hash nor the invitation's token or hash.
 *
 * @param invitationExpiresAt while INVITED, when the pending link dies; else {@code null}
 */
record StaffView(String id, String partnerId, String email, String displayName, String role, String status,
                 String language, Instant createdAt, Instant invitationExpiresAt) {

    static StaffView of(StaffMember member) {
        return new StaffView(member.id(), member.partnerId(), member.username(), member.displayName(),
                member.role().name(), member.status().name(), member.language(), member.createdAt(),
                member.invitation() == null ? null : member.invitation().expiresAt());
    }
}
