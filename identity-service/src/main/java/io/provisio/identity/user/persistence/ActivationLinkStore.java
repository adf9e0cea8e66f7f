package io.provisio.identity.user.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.model.Projections;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static io.provisio.identity.user.persistence.UserDocuments.LIVE;

/**
 * The activation links inside the user documents: a user's pending link ({@code activation}, only the token's hash),
 * and its spent ones ({@code spentActivationTokens}, the last {@value #SPENT_KEPT}) remembered by hash only to tell
 * "used" and "replaced" apart from "unknown". Every change is one conditional write on the link the caller saw, with
 * the messages it causes in the same write.
 */
@Component
public class ActivationLinkStore {

    static final int SPENT_KEPT = 20;
    /** Inside {@code activation}: when its holder asked (on the expired page) for a new link. */
    static final String RENEWAL_REQUESTED_AT = "renewalRequestedAt";

    /** Why a link no longer works. */
    public enum Spent { USED, REPLACED }

    private final UserDocuments documents;
    private final OutboxStore outbox;

    ActivationLinkStore(UserDocuments documents, OutboxStore outbox) {
        this.documents = documents;
        this.outbox = outbox;
    }

    /** The user whose pending activation link has this hash. */
    public Optional<User> findByActivationHash(String hash) {
        return documents.one(and(eq("activation.hash", hash), LIVE));
    }

    /** Why a link that is no longer pending died, if it ever existed. */
    public Optional<Spent> spent(String hash) {
        return Optional.ofNullable(documents.read(documents.collection().find(eq("spentActivationTokens.hash", hash))
                        .projection(Projections.include("spentActivationTokens")).first()))
                .flatMap(owner -> owner.spent().stream().filter(s -> hash.equals(s.hash())).findFirst())
                .map(UserDocument.SpentLink::reason);
    }

    /** The customer of the user who once held this (used or replaced) link, to speak its language. */
    public Optional<String> customerOfSpent(String hash) {
        return Optional.ofNullable(documents.read(documents.collection()
                .find(and(eq("spentActivationTokens.hash", hash), LIVE))
                .projection(Projections.include("customerId")).first())).map(UserDocument::customerId);
    }

    /** When the holder of this pending link asked for a new one, if they did. */
    public Optional<Instant> renewalRequestedAt(String hash) {
        return Optional.ofNullable(documents.read(documents.collection().find(and(eq("activation.hash", hash), LIVE))
                        .projection(Projections.include("activation")).first()))
                .map(UserDocument::activation).map(UserDocument.Link::renewalRequestedAt);
    }

    /**
     * Records, once per link, that the holder of the pending link asked for a new one, with {@code messages}
     * (the event that tells the partner) in the same write. The mark lives inside the link, so a new link starts
     * without one.
     *
     * @return false when it was recorded before, or the link changed meanwhile (used, replaced)
     */
    public boolean requestRenewal(User user, Instant at, List<OutgoingMessage> messages) {
        return outbox.updateWhere(UserStore.COLLECTION,
                and(pending(user), exists("activation." + RENEWAL_REQUESTED_AT, false)),
                documents.fields(Update.update("activation." + RENEWAL_REQUESTED_AT, at)), messages);
    }

    /**
     * Replaces the pending link of an INVITED user with {@code next}, the old one remembered as REPLACED, and
     * appends {@code messages}, all in one write. Compare-and-set on the link the caller saw.
     *
     * @return false when the user changed meanwhile (activated, or another new link): decide again
     */
    public boolean replaceActivation(User user, ActivationToken next, List<OutgoingMessage> messages) {
        UserDocument current = documents.read(documents.collection().find(eq("_id", user.id())).first());
        if (current == null || user.activation() == null) {
            return false;
        }
        Update replaced = Update.update("activation", UserDocument.Link.of(next))
                .set("spentActivationTokens", spentWith(current, user.activation().hash(), Spent.REPLACED));
        return outbox.updateWhere(UserStore.COLLECTION, pending(user), documents.fields(replaced), messages);
    }

    /**
     * The link is used: the user gets the password hash and turns ACTIVE; the link is remembered as USED.
     *
     * @return false when the link was used (or replaced) meanwhile
     */
    public boolean activate(User user, String passwordHash) {
        UserDocument current = documents.read(documents.collection().find(eq("_id", user.id())).first());
        if (current == null || user.activation() == null) {
            return false;
        }
        Update activated = Update.update("status", UserStatus.ACTIVE)
                .set("passwordHash", passwordHash)
                .set("activation", null)
                .set("spentActivationTokens", spentWith(current, user.activation().hash(), Spent.USED));
        return outbox.updateWhere(UserStore.COLLECTION, pending(user), documents.fields(activated), List.of());
    }

    private static Bson pending(User user) {
        return and(eq("_id", user.id()), eq("status", UserStatus.INVITED.name()),
                eq("activation.hash", user.activation().hash()));
    }

    private static List<UserDocument.SpentLink> spentWith(UserDocument current, String hash, Spent reason) {
        List<UserDocument.SpentLink> spent = new ArrayList<>(current.spent());
        spent.add(new UserDocument.SpentLink(hash, reason));
        return spent.subList(Math.max(0, spent.size() - SPENT_KEPT), spent.size());
    }
}
