package io.provisio.identity.user.persistence;

import java.time.Instant;
import java.util.List;

import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserRole;
import io.provisio.identity.user.domain.UserStatus;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code users} document as Spring Data maps it, field for field as stored (besides the outbox's {@code version},
 * {@code outbox} and {@code outboxPendingSince}). The fields a user may lack are written as {@code null}, as they
 * always were; {@code spentActivationTokens} and {@code deleted} appear only once a link was spent or the user deleted.
 *
 * @param upnKey  {@link User#upnKey()}, unique; {@code deleted:<id>} once the user is deleted
 * @param deleted {@code true} on a tombstone, else absent
 */
record UserDocument(
        @MongoId(FieldType.STRING) String id,
        String partnerId,
        String customerId,
        @Field(write = Field.Write.ALWAYS) String sagaId,
        String username,
        String upn,
        String upnKey,
        String firstName,
        String lastName,
        String displayName,
        String email,
        String emailKey,
        @Field(write = Field.Write.ALWAYS) String passwordHash,
        UserRole role,
        UserStatus status,
        @Field(write = Field.Write.ALWAYS) Link activation,
        Instant createdAt,
        List<SpentLink> spentActivationTokens,
        Boolean deleted) {

    /**
     * The pending activation link: its token's hash and expiry, and once its holder asked (on the expired page) for a
     * new one, when.
     */
    record Link(String hash, Instant expiresAt, Instant renewalRequestedAt) {

        static Link of(ActivationToken token) {
            return token == null ? null : new Link(token.hash(), token.expiresAt(), null);
        }

        ActivationToken token() {
            return new ActivationToken(hash, expiresAt);
        }
    }

    /** A link no longer pending, remembered by hash only to tell "used" and "replaced" from "unknown". */
    record SpentLink(String hash, ActivationLinkStore.Spent reason) {
    }

    static UserDocument of(User user) {
        return new UserDocument(user.id(), user.partnerId(), user.customerId(), user.sagaId(), user.username(),
                user.upn(), user.upnKey(), user.firstName(), user.lastName(), user.displayName(), user.email(),
                user.emailKey(), user.passwordHash(), user.role(), user.status(), Link.of(user.activation()),
                user.createdAt(), null, null);
    }

    User user() {
        return new User(id, partnerId, customerId, sagaId, username, upn, firstName, lastName, displayName, email,
                emailKey, passwordHash, role, status, activation == null ? null : activation.token(), createdAt);
    }

    List<SpentLink> spent() {
        return spentActivationTokens == null ? List.of() : spentActivationTokens;
    }

    /** Never prints the password hash, the links' hashes nor the person's details. */
    @Override
    public String toString() {
        return "UserDocument[id=" + id + ", customerId=" + customerId + ", status=" + status + "]";
    }
}
