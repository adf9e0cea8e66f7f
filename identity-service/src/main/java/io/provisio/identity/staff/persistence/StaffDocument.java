package io.provisio.identity.staff.persistence;

import java.time.Instant;

import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.staff.domain.StaffRole;
import io.provisio.identity.staff.domain.StaffStatus;
import io.provisio.identity.user.domain.ActivationToken;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code staff_users} document as Spring Data maps it, field for field as stored (besides the outbox's
 * {@code version} and {@code outbox}). A missing display name, password hash or invitation is written as {@code null},
 * as it always was; the fields set once the account moves on are absent until then.
 *
 * @param status         absent on accounts from before invitations (bootstrap only), which were all ACTIVE
 * @param usedInvitation the hash of the link that set the password, so a second click can be told "already used"
 */
record StaffDocument(
        @MongoId(FieldType.STRING) String id,
        String partnerId,
        String username,
        @Field(write = Field.Write.ALWAYS) String displayName,
        StaffRole role,
        @Field(write = Field.Write.ALWAYS) String passwordHash,
        StaffStatus status,
        String language,
        @Field(write = Field.Write.ALWAYS) Invitation invitation,
        Instant createdAt,
        String usedInvitation,
        Instant activatedAt,
        Instant updatedAt) {

    /** The pending invitation link: its token's hash and expiry. */
    record Invitation(String hash, Instant expiresAt) {

        static Invitation of(ActivationToken token) {
            return token == null ? null : new Invitation(token.hash(), token.expiresAt());
        }

        ActivationToken token() {
            return new ActivationToken(hash, expiresAt);
        }
    }

    static StaffDocument of(StaffMember member) {
        return new StaffDocument(member.id(), member.partnerId(), member.username(), member.displayName(),
                member.role(), member.passwordHash(), member.status(), member.language(),
                Invitation.of(member.invitation()), member.createdAt(), null, null, null);
    }

    StaffMember member() {
        return new StaffMember(id, partnerId, username, displayName, role, passwordHash, createdAt,
                status == null ? StaffStatus.ACTIVE : status, language, invitation == null ? null : invitation.token());
    }

    /** Never prints the password hash nor the links' hashes. */
    @Override
    public String toString() {
        return "StaffDocument[id=" + id + ", partnerId=" + partnerId + ", role=" + role + ", status=" + status + "]";
    }
}
