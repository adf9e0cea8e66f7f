package io.provisio.identity.user.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.provisio.identity.IdentityProperties;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserRole;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.identity.user.persistence.ActivationLinkStore;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserQueries;
import io.provisio.identity.user.persistence.UserStore;
import io.provisio.ids.Ids;
import io.provisio.passwords.PasswordPolicy;
import io.provisio.platform.outbox.OutgoingMessage;
import io.provisio.platform.refusal.Refusal;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * A customer's users through the partner API, and the activation links: add or delete a user, resend a
 * link, activate an account. Every change is one atomic write of the user document with its outgoing
 * messages, so a crash between any two lines leaves either nothing or everything.
 */
@Component
public class UserAccounts {

    /** Answers for links that no longer (or never) work: distinct, and none of them names a person. */
    static final String TOKEN_INVALID = "ACTIVATION_TOKEN_INVALID";
    static final String TOKEN_USED = "ACTIVATION_TOKEN_USED";
    static final String TOKEN_EXPIRED = "ACTIVATION_TOKEN_EXPIRED";

    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);
    private static final int ATTEMPTS = 5;

    private final UserQueries users;
    private final UserStore userStore;
    private final ActivationLinkStore activations;
    private final OrganizationStore organizations;
    private final IdentityMessages messages;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final IdentityProperties properties;
    private final Clock clock;

    UserAccounts(UserQueries users, UserStore userStore, ActivationLinkStore activations,
                 OrganizationStore organizations, IdentityMessages messages,
                 PasswordEncoder passwords, PasswordPolicy policy, IdentityProperties properties, Clock clock) {
        this.users = users;
        this.userStore = userStore;
        this.activations = activations;
        this.organizations = organizations;
        this.messages = messages;
        this.passwords = passwords;
        this.policy = policy;
        this.properties = properties;
        this.clock = clock;
    }

    /** The partner's own organization, or 404 exactly as for one that does not exist. */
    public Organization organization(String partnerId, String customerId) {
        return organizations.find(customerId).filter(o -> o.visibleTo(partnerId))
                .orElseThrow(() -> Refusal.notFound("customer", customerId));
    }

    public Page<User> list(String partnerId, String customerId, PageQuery paging) {
        organization(partnerId, customerId);
        return paging.answer(users.page(partnerId, customerId, paging.page(), paging.size()),
                users.count(partnerId, customerId));
    }

    /**
     * Adds a user; with a password it is ACTIVE at once, without one INVITED, and its activation e-mail is
     * asked for in the same write.
     */
    public User add(String partnerId, String customerId, NewUser request) {
        Organization organization = organization(partnerId, customerId);
        refuseWhileSuspended(customerId);
        List<FieldError> errors = new ArrayList<>();
        InputRules.required(errors, "username", request.username(), 64);
        if (request.username() != null && !request.username().isBlank()
                && !InputRules.USERNAME.matcher(request.username()).matches()) {
            errors.add(new FieldError("username", "must match ^[a-z0-9._-]{1,64}$"));
        }
        InputRules.required(errors, "firstName", request.firstName(), 100);
        InputRules.required(errors, "lastName", request.lastName(), 100);
        InputRules.optional(errors, "displayName", request.displayName(), 200);
        InputRules.email(errors, "email", request.email());
        UserRole role = UserRole.USER;
        if (request.role() != null) {
            try {
                role = UserRole.valueOf(request.role());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("role", "must be USER or ADMINISTRATOR"));
            }
        }
        if (request.password() != null) {
            List<String> words = new ArrayList<>(organization.passwordWords());
            words.addAll(java.util.Arrays.asList(request.username(), request.firstName(), request.lastName(),
                    request.displayName(), request.email()));
            policy.reject(request.password(), words).ifPresent(why -> errors.add(new FieldError("password", why)));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }

        Instant now = clock.instant();
        String upnDomain = User.upnDomain(organization.domains(), organization.accountName(),
                properties.platformDomain());
        ActivationToken.Issued link = request.password() == null
                ? ActivationToken.issue(now, properties.activationTtl()) : null;
        User user = User.create(Ids.newId(), partnerId, customerId, null, request.username(),
                request.firstName().strip(), request.lastName().strip(), request.displayName(), request.email().strip(),
                request.password() == null ? null : passwords.encode(request.password()), role, upnDomain,
                link == null ? null : link.stored(), now);
        checkFree(user);
        // The e-mail first: the relay sends a document's messages in order and stops at the first that fails,
        // and the person waiting for the link matters more than the event.
        List<OutgoingMessage> outgoing = new ArrayList<>();
        if (link != null) {
            outgoing.add(messages.activationEmail(user, organization, link));
        }
        outgoing.add(messages.userCreated(user));
        switch (userStore.insert(user, outgoing)) {
            case INSERTED -> { }
            // Taken between the check above and the insert: the index decided, the answer is the same.
            case EMAIL_TAKEN -> throw emailInUse();
            case UPN_TAKEN -> throw usernameTaken(user);
            case ID_EXISTS -> throw new IllegalStateException("a new random user id " + user.id() + " exists");
        }
        log.info("Added {} {} to customer {}", user.status(), user.role(), customerId);
        return user;
    }

    /**
     * Sends a new activation link to an INVITED user; the one before is dead from the same write on.
     *
     * @return the new link's expiry
     */
    public Instant resend(String partnerId, String customerId, String userId) {
        Organization organization = organization(partnerId, customerId);
        refuseWhileSuspended(customerId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            User user = users.find(partnerId, customerId, userId)
                    .orElseThrow(() -> Refusal.notFound("user", userId));
            if (user.status() != UserStatus.INVITED || user.activation() == null) {
                throw Refusal.conflict("USER_ALREADY_ACTIVE", "User already active",
                        "user " + userId + " has activated the account; there is no link to resend");
            }
            ActivationToken.Issued link = ActivationToken.issue(clock.instant(), properties.activationTtl());
            if (activations.replaceActivation(user, link.stored(), List.of(messages.activationEmail(user, organization,
                    link)))) {
                log.info("Sent a new activation link to user {} of customer {}", userId, customerId);
                return link.stored().expiresAt();
            }
        }
        throw new IllegalStateException("user " + userId + " kept changing while a new link was being sent");
    }

    /**
     * Deletes a user and its pending link, announcing {@code UserDeleted} in the same write. A customer keeps
     * at least one administrator: removals of administrators take turns on the customer's claim and count
     * while holding it, so two concurrent removals can never take the last two.
     *
     * @throws Refusal 404 for a user the partner does not have (also when deleted already), 409
     *                    {@code LAST_ADMINISTRATOR}, 409 {@code CHANGE_IN_PROGRESS} while another administrator
     *                    of the customer is being removed
     */
    public void delete(String partnerId, String customerId, String userId) {
        organization(partnerId, customerId);
        User user = users.find(partnerId, customerId, userId)
                .orElseThrow(() -> Refusal.notFound("user", userId));
        if (user.role() != UserRole.ADMINISTRATOR) {
            remove(user);
            return;
        }
        Instant now = clock.instant();
        if (!organizations.claimAdministratorRemoval(customerId, userId, now,
                now.plus(properties.administratorRemovalLease()))) {
            throw Refusal.conflict("CHANGE_IN_PROGRESS", "Change in progress",
                    "another administrator of customer " + customerId + " is being removed; try again");
        }
        try {
            if (users.countAdministrators(partnerId, customerId) <= 1) {
                throw Refusal.conflict("LAST_ADMINISTRATOR", "Last administrator",
                        "the customer must keep at least one user with the role ADMINISTRATOR");
            }
            remove(user);
        } finally {
            organizations.releaseAdministratorRemoval(customerId, userId);
        }
    }

    private void remove(User user) {
        if (!userStore.markDeleted(user, List.of(messages.userDeleted(user)))) {
            // A concurrent request deleted it between our read and our write: the same answer as a second DELETE.
            throw Refusal.notFound("user", user.id());
        }
        log.info("Deleted {} user {} of customer {}", user.role(), user.id(), user.customerId());
    }

    /**
     * Uses an activation link: checks the link, then the password against the same policy as everywhere,
     * then makes the user ACTIVE with the password's slow hash. The answer never names the person.
     */
    public User activate(Activation request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.token() == null || request.token().isBlank()) {
            errors.add(new FieldError("token", "is required"));
        }
        if (request.password() == null || request.password().isEmpty()) {
            errors.add(new FieldError("password", "is required"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        String hash = ActivationToken.wellFormed(request.token()) ? ActivationToken.hash(request.token()) : null;
        Optional<User> pending = hash == null ? Optional.empty() : activations.findByActivationHash(hash);
        if (pending.isEmpty()) {
            throw deadLink(hash);
        }
        User user = pending.get();
        if (user.activation().expiredAt(clock.instant())) {
            throw new Refusal(Refusal.Kind.GONE, TOKEN_EXPIRED, "Activation link expired",
                    "The activation link has expired; ask for a new one");
        }
        // Before anything is written: the link stays usable once the customer is resumed.
        refuseWhileSuspended(user.customerId());
        List<String> words = new ArrayList<>(user.passwordWords());
        organizations.find(user.customerId()).ifPresent(o -> words.addAll(o.passwordWords()));
        policy.reject(request.password(), words).ifPresent(why -> {
            throw Refusal.invalid(List.of(new FieldError("password", why)));
        });
        if (!activations.activate(user, passwords.encode(request.password()))) {
            // Used (or replaced) by a concurrent request between our read and our write.
            throw deadLink(hash);
        }
        log.info("User {} of customer {} activated the account", user.id(), user.customerId());
        return users.find(user.id()).orElse(user);
    }

    /** A suspended customer (CustomerSuspended from customer-service) gets no new users and no activations. */
    private void refuseWhileSuspended(String customerId) {
        if (organizations.isSuspended(customerId)) {
            throw Refusal.conflict("CUSTOMER_SUSPENDED", "Customer suspended",
                    "the customer is suspended; users cannot be added or activated until it is resumed");
        }
    }

    private Refusal deadLink(String hash) {
        Optional<ActivationLinkStore.Spent> spent = hash == null ? Optional.empty() : activations.spent(hash);
        if (spent.isPresent() && spent.get() == ActivationLinkStore.Spent.USED) {
            return Refusal.conflict(TOKEN_USED, "Activation link already used",
                    "The activation link has been used already; sign in with the password chosen then");
        }
        return new Refusal(Refusal.Kind.INVALID, TOKEN_INVALID, "Activation link not valid",
                "The activation link is not valid, or a newer link replaced it");
    }

    /** The rules the unique indexes enforce, said in words the partner understands. */
    private void checkFree(User user) {
        if (users.findByEmailKey(user.emailKey()).isPresent()) {
            throw emailInUse();
        }
        if (users.findByUpn(user.upn()).isPresent()) {
            throw usernameTaken(user);
        }
    }

    private static Refusal emailInUse() {
        return Refusal.conflict("ADMIN_EMAIL_IN_USE", "E-mail in use",
                "the e-mail belongs to a person of another organization or of this one",
                List.of(new FieldError("email", "is in use")));
    }

    /** Sign-in names are unique across the platform (ADR 012); the answer names no other customer. */
    private static Refusal usernameTaken(User user) {
        return Refusal.conflict("USERNAME_TAKEN", "Username taken",
                "the sign-in name " + user.upn() + " is already in use on the platform",
                List.of(new FieldError("username", "is taken: its sign-in name " + user.upn() + " is in use")));
    }
}
