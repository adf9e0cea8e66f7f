package io.provisio.identity.user.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.provisio.customer.contracts.DryRunFinding;
import io.provisio.customer.contracts.DryRunReport;
import io.provisio.identity.IdentityProperties;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.AdministratorCreated;
import io.provisio.identity.contracts.AdministratorRejected;
import io.provisio.identity.contracts.CreateAdministrator;
import io.provisio.identity.contracts.SupportContact;
import io.provisio.identity.contracts.ValidateAdministrator;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.ContactKind;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.identity.user.persistence.ActivationLinkStore;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserQueries;
import io.provisio.identity.user.persistence.UserStore;
import io.provisio.ids.Ids;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.outbox.OutgoingMessage;
import io.provisio.platform.participant.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import static io.provisio.identity.contracts.IdentityMessages.REPLIES;

/**
 * CREATE_ADMINISTRATOR: stores identity's record of the organization (with its support contacts) and
 * the first administrator, or refuses with no effect; its compensation deletes them with their pending
 * link. Every document has an id derived from the saga, so a redelivered command writes the same
 * documents again and the compensation finds everything the action wrote. Duplicates, tombstones and
 * the reply's outbox are the {@code SagaParticipant}'s job, around these methods. Also judges the dry run's
 * ValidateAdministrator by the same rules.
 */
@Service
public class AdministratorOnboarding {

    private static final Logger log = LoggerFactory.getLogger(AdministratorOnboarding.class);

    private final UserQueries users;
    private final UserStore userStore;
    private final ActivationLinkStore activations;
    private final OrganizationStore organizations;
    private final IdentityMessages messages;
    private final IdentityProperties properties;
    private final Clock clock;

    AdministratorOnboarding(UserQueries users, UserStore userStore, ActivationLinkStore activations,
                            OrganizationStore organizations, IdentityMessages messages,
                            IdentityProperties properties, Clock clock) {
        this.users = users;
        this.userStore = userStore;
        this.activations = activations;
        this.organizations = organizations;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    public StepResult create(String sagaId, String partnerId, CreateAdministrator create) {
        Instant now = clock.instant();
        Organization organization = organization(sagaId, partnerId, create, now);
        Administrator admin = create.administrator();
        String userId = id(sagaId, "administrator");
        ActivationToken.Issued link = admin.passwordHash() == null
                ? ActivationToken.issue(later(now, create.activationValidFrom()), properties.activationTtl()) : null;
        User candidate = User.administrator(userId, partnerId, create.customerId(), sagaId,
                admin.username(), admin.firstName(), admin.lastName(), admin.displayName(), admin.email(),
                admin.passwordHash(), User.upnDomain(create.domains(), create.accountName(),
                        properties.platformDomain()), link == null ? null : link.stored(), now);

        User user = candidate;
        UserStore.Insertion insertion = userStore.insert(candidate, List.of(messages.userCreated(candidate)));
        if (insertion != UserStore.Insertion.INSERTED) {
            // Whichever index answered, a user with this saga's id is this saga's own: never a collision
            // with itself. Only then does the refusing index say which rule another user holds.
            Optional<User> ours = users.find(userId);
            if (ours.isEmpty()) {
                return reject(sagaId, create.customerId(), conflict(insertion, userId));
            }
            // A redelivery of this saga's command (the first attempt died before its reply was stored): the
            // user is ours. Its link's token was never sent, so it gets a new one the reply can carry.
            user = ours.get();
            if (user.status() == UserStatus.INVITED && user.activation() != null) {
                link = ActivationToken.issue(later(now, create.activationValidFrom()), properties.activationTtl());
                if (!activations.replaceActivation(user, link.stored(), List.of())) {
                    throw new IllegalStateException("the administrator of saga " + sagaId + " changed meanwhile");
                }
            } else {
                link = null;
            }
        }
        log.info("Created administrator {} of customer {} ({})", user.id(), organization.id(), user.status());
        AdministratorCreated created = new AdministratorCreated(user.customerId(), user.id(), user.upn(),
                link != null, link == null ? null : link.token(), link == null ? null : link.stored().expiresAt());
        // The token leaves only with this first reply; the participant keeps the reply without it.
        return StepResult.succeeded(REPLIES, created, created.withoutToken());
    }

    /** identity's record of the customer, written first: a redelivery finds it and goes on. */
    private Organization organization(String sagaId, String partnerId, CreateAdministrator create, Instant now) {
        List<SupportContact> given = create.contacts() == null ? List.of() : create.contacts();
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            SupportContact contact = given.get(i);
            contacts.add(new Contact(id(sagaId, "contact/" + i),
                    ContactKind.parse(contact.kind()).orElse(ContactKind.OTHER), contact.name(), contact.email(),
                    contact.phone()));
        }
        Organization organization = new Organization(create.customerId(), partnerId, sagaId,
                create.accountName(), create.companyName(), create.domains(), create.language(), contacts, false, now);
        if (!organizations.insertIfAbsent(organization)) {
            Organization existing = organizations.find(create.customerId()).orElseThrow();
            if (!sagaId.equals(existing.sagaId())) {
                // Poison, not a business refusal: two onboardings cannot own one customer id.
                throw new MalformedMessageException("customer " + create.customerId()
                        + " was registered by another onboarding");
            }
            return existing;
        }
        return organization;
    }

    /** The rule another user holds, as the unique index that refused the insert named it. */
    private static AdministratorRejected conflict(UserStore.Insertion insertion, String userId) {
        return switch (insertion) {
            case EMAIL_TAKEN -> new AdministratorRejected("ADMIN_EMAIL_IN_USE",
                    "the administrator's e-mail belongs to another organization");
            case UPN_TAKEN -> new AdministratorRejected("USERNAME_TAKEN",
                    "the administrator's sign-in name is already in use on the platform");
            // The user with our id vanished between the insert and the look-up (its saga was compensated
            // meanwhile): a retry of the command decides afresh.
            case ID_EXISTS, INSERTED -> throw new IllegalStateException("administrator " + userId
                    + " collided with itself but no longer exists; retrying");
        };
    }

    private StepResult reject(String sagaId, String customerId, AdministratorRejected rejection) {
        // Nothing of this saga may remain after a rejection, even from an earlier partial attempt.
        undo(sagaId, customerId);
        log.info("Rejected the administrator of saga {}: {}", sagaId, rejection.code());
        return StepResult.rejected(REPLIES, rejection);
    }

    /**
     * Compensates CREATE_ADMINISTRATOR, and undoes a creation the compensation overtook; idempotent.
     * Deletes what the saga created: the organization becomes a tombstone carrying a UserDeleted per user
     * (one write), then the users go, their pending links with them. A crash in between is repaired by
     * the redelivery, which announces the remaining users again (consumers are idempotent) and deletes them.
     */
    public void undo(String sagaId, String customerId) {
        List<User> gone = new ArrayList<>(users.bySaga(sagaId));
        Optional<Organization> organization = customerId == null ? Optional.empty()
                : organizations.find(customerId).filter(o -> sagaId.equals(o.sagaId()));
        organization.ifPresent(o -> users.byCustomer(o.partnerId(), o.id()).stream()
                .filter(u -> gone.stream().noneMatch(g -> g.id().equals(u.id())))
                .forEach(gone::add));
        List<OutgoingMessage> deleted = gone.stream().map(messages::userDeleted).toList();
        boolean tombstone = organization.isPresent() && organizations.markDeleted(customerId, sagaId, deleted);
        if (!tombstone && !gone.isEmpty()) {
            throw new IllegalStateException("users of saga " + sagaId + " without its organization");
        }
        long deletedUsers = userStore.deleteOf(sagaId, organization.orElse(null));
        if (deletedUsers > 0 || tombstone) {
            log.info("Deleted {} user(s) and the contacts of saga {}", deletedUsers, sagaId);
        }
    }

    /** The dry run: the e-mail and sign-in name rules of the real step; nothing written. */
    public DryRunReport check(ValidateAdministrator validate) {
        List<DryRunFinding> findings = new ArrayList<>();
        Administrator admin = validate.administrator();
        if (admin != null && admin.email() != null && !admin.email().isBlank()
                && users.findByEmailKey(User.emailKey(admin.email())).isPresent()) {
            findings.add(new DryRunFinding("administrator.email", "ADMIN_EMAIL_IN_USE",
                    "the administrator's e-mail belongs to another organization"));
        }
        List<String> domains = validate.domains() == null ? List.of() : validate.domains();
        boolean upnKnown = validate.accountName() != null
                || !domains.isEmpty() && domains.getFirst() != null && !domains.getFirst().isBlank();
        if (admin != null && admin.username() != null && !admin.username().isBlank() && upnKnown) {
            String upn = admin.username() + "@" + User.upnDomain(validate.domains(), validate.accountName(),
                    properties.platformDomain());
            if (users.findByUpn(upn).isPresent()) {
                findings.add(new DryRunFinding("administrator.username", "USERNAME_TAKEN",
                        "the sign-in name " + upn + " is already in use on the platform"));
            }
        }
        return new DryRunReport(findings);
    }

    private static Instant later(Instant now, Instant validFrom) {
        return validFrom != null && validFrom.isAfter(now) ? validFrom : now;
    }

    /** Same saga, same document: a redelivered command overwrites instead of duplicating. */
    public static String id(String sagaId, String what) {
        return Ids.derived(sagaId, sagaId + "/" + what);
    }
}
