package io.provisio.identity.user.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.persistence.ActivationLinkStore;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.passwords.PasswordPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the activation page needs besides {@link UserAccounts#activate}: what a link is now (pending, expired,
 * used, unknown, or its customer suspended), which rules a password breaks for the link's holder (the same
 * policy and the same words as the activation itself), and the holder's request for a new link once it expired.
 * Reads decide nothing: the activation is still {@link UserAccounts#activate}'s conditional write.
 */
@Component
public class ActivationLinks {

    private static final Logger log = LoggerFactory.getLogger(ActivationLinks.class);

    private final ActivationLinkStore activations;
    private final OrganizationStore organizations;
    private final IdentityMessages messages;
    private final PasswordPolicy policy;
    private final Clock clock;

    ActivationLinks(ActivationLinkStore activations, OrganizationStore organizations, IdentityMessages messages,
                    PasswordPolicy policy, Clock clock) {
        this.activations = activations;
        this.organizations = organizations;
        this.messages = messages;
        this.policy = policy;
        this.clock = clock;
    }

    /** Where a link stands, in the order {@link UserAccounts#activate} checks. */
    public enum State { PENDING, EXPIRED, SUSPENDED, USED, UNKNOWN }

    /**
     * A link as the page shows it.
     *
     * @param user             the holder (PENDING, EXPIRED, SUSPENDED), else {@code null}
     * @param organization     the holder's organization where known (also for a USED link), else {@code null}
     * @param renewalRequested an EXPIRED link whose holder already asked for a new one
     */
    public record Link(State state, User user, Organization organization, boolean renewalRequested) {

        /** The customer's language as identity got it at onboarding ({@code en sv de it nl nb}), if known. */
        public Optional<String> language() {
            return Optional.ofNullable(organization).map(Organization::language);
        }
    }

    public Link inspect(String token) {
        String hash = ActivationToken.wellFormed(token) ? ActivationToken.hash(token) : null;
        if (hash == null) {
            return new Link(State.UNKNOWN, null, null, false);
        }
        Optional<User> pending = activations.findByActivationHash(hash);
        if (pending.isEmpty()) {
            Optional<ActivationLinkStore.Spent> spent = activations.spent(hash);
            if (spent.isPresent() && spent.get() == ActivationLinkStore.Spent.USED) {
                Organization organization = activations.customerOfSpent(hash).flatMap(organizations::find).orElse(null);
                return new Link(State.USED, null, organization, false);
            }
            // Replaced by a newer link reads as unknown, as in the API: the newer link is in a newer e-mail.
            return new Link(State.UNKNOWN, null, null, false);
        }
        User user = pending.get();
        Organization organization = organizations.find(user.customerId()).orElse(null);
        if (user.activation().expiredAt(clock.instant())) {
            return new Link(State.EXPIRED, user, organization, activations.renewalRequestedAt(hash).isPresent());
        }
        if (organizations.isSuspended(user.customerId())) {
            return new Link(State.SUSPENDED, user, organization, false);
        }
        return new Link(State.PENDING, user, organization, false);
    }

    /** Every rule {@code password} breaks for the holder of a pending link, judged as the activation will. */
    public List<PasswordPolicy.Rule> failures(Link link, String password) {
        if (link.state() != State.PENDING) {
            throw new IllegalArgumentException("only a pending link's password is judged");
        }
        List<String> words = new ArrayList<>(link.user().passwordWords());
        if (link.organization() != null) {
            words.addAll(link.organization().passwordWords());
        }
        return policy.failures(password, words);
    }

    /**
     * The holder of an expired link asks for a new one. Recorded once per link, with the event that tells the
     * partner in the same write; asking again changes nothing.
     *
     * @return the link as it stands afterwards (EXPIRED with {@code renewalRequested}, or whatever else it became)
     */
    public Link requestNewLink(String token) {
        Link link = inspect(token);
        if (link.state() != State.EXPIRED || link.renewalRequested()) {
            return link;
        }
        User user = link.user();
        Instant now = clock.instant();
        if (activations.requestRenewal(user, now, List.of(messages.activationLinkRequested(user, link.organization(),
                user.activation().expiresAt(), now)))) {
            log.info("User {} of customer {} asked for a new activation link", user.id(), user.customerId());
        }
        return inspect(token);
    }
}
