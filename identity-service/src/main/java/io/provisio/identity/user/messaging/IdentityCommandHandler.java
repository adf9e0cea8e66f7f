package io.provisio.identity.user.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.provisio.identity.IdentityProperties;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.AdministratorCreated;
import io.provisio.identity.contracts.AdministratorDeleted;
import io.provisio.identity.contracts.AdministratorRejected;
import io.provisio.identity.contracts.CreateAdministrator;
import io.provisio.identity.contracts.DeleteAdministrator;
import io.provisio.identity.contracts.SupportContact;
import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.persistence.ContactStore;
import io.provisio.identity.user.persistence.UserStore;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.SagaParticipant;
import io.provisio.platform.participant.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * CREATE_ADMINISTRATOR: stores the customer's first administrator and its support contacts, or
 * refuses with no effect; its compensation deletes them. Every document carries the saga id and
 * has an id derived from it, so a redelivered command writes the same documents again and the
 * compensation finds everything the action wrote. Duplicates, tombstones and the reply's outbox
 * are {@link SagaParticipant}'s job.
 */
@Component
class IdentityCommandHandler {

    static final String CREATE_ADMINISTRATOR = "CreateAdministrator";
    static final String DELETE_ADMINISTRATOR = "DeleteAdministrator";

    private static final Logger log = LoggerFactory.getLogger(IdentityCommandHandler.class);

    private final SagaParticipant participant;
    private final MessageCodec codec;
    private final UserStore users;
    private final ContactStore contacts;
    private final IdentityProperties properties;
    private final Clock clock;

    IdentityCommandHandler(SagaParticipant participant, MessageCodec codec, UserStore users, ContactStore contacts,
                           IdentityProperties properties, Clock clock) {
        this.participant = participant;
        this.codec = codec;
        this.users = users;
        this.contacts = contacts;
        this.properties = properties;
        this.clock = clock;
    }

    void handle(Envelope command) {
        switch (command.type()) {
            case CREATE_ADMINISTRATOR -> {
                CreateAdministrator create = valid(command, codec.payload(command, CreateAdministrator.class));
                participant.act(command, () -> create(command, create), () -> undo(command.sagaId()));
            }
            case DELETE_ADMINISTRATOR -> {
                DeleteAdministrator delete = codec.payload(command, DeleteAdministrator.class);
                participant.compensate(command, () -> undo(command.sagaId()),
                        AdministratorDeleted.class.getSimpleName(), new AdministratorDeleted(delete.customerId()));
            }
            default -> throw new MalformedMessageException("identity-commands has no handler for " + command.type());
        }
    }

    private StepResult create(Envelope command, CreateAdministrator create) {
        String sagaId = command.sagaId();
        Administrator admin = create.administrator();
        User candidate = User.administrator(id(sagaId, "administrator"), command.partnerId(), create.customerId(),
                sagaId, admin.username(), admin.firstName(), admin.lastName(), admin.displayName(), admin.email(),
                admin.passwordHash(),
                User.upnDomain(create.domains(), create.accountName(), properties.platformDomain()), clock.instant());

        User user = candidate;
        if (!users.insert(candidate)) {
            Optional<User> ours = users.find(candidate.id());
            if (ours.isEmpty()) {
                return reject(sagaId, conflict(candidate));
            }
            // A redelivery of this saga's command: the user is already ours, go on idempotently.
            user = ours.get();
        }

        List<SupportContact> given = create.contacts() == null ? List.of() : create.contacts();
        for (int i = 0; i < given.size(); i++) {
            SupportContact contact = given.get(i);
            contacts.save(new Contact(id(sagaId, "contact/" + i), command.partnerId(), create.customerId(), sagaId, i,
                    contact.kind(), contact.name(), contact.email(), contact.phone()));
        }
        log.info("Created administrator {} of customer {}", user.id(), user.customerId());
        return new StepResult.Succeeded(AdministratorCreated.class.getSimpleName(),
                new AdministratorCreated(user.customerId(), user.id(), user.upn(), user.activationRequired(), null, null));
    }

    /** Which rule the refused insert broke; the e-mail rule first, as it is the one partners meet. */
    private AdministratorRejected conflict(User candidate) {
        boolean emailTaken = users.findByEmailKey(candidate.emailKey())
                .filter(other -> !candidate.sagaId().equals(other.sagaId()))
                .isPresent();
        if (emailTaken) {
            return new AdministratorRejected("ADMIN_EMAIL_IN_USE",
                    "the administrator's e-mail belongs to another organization");
        }
        boolean usernameTaken = users.findByUsername(candidate.customerId(), candidate.username())
                .filter(other -> !candidate.sagaId().equals(other.sagaId()))
                .isPresent();
        if (usernameTaken) {
            return new AdministratorRejected("USERNAME_TAKEN", "the username is taken in this customer");
        }
        // The conflicting user vanished between our insert and the look-up (e.g. its saga was
        // compensated): a retry of the command will decide afresh.
        throw new IllegalStateException("the administrator of saga " + candidate.sagaId()
                + " collided with a user that no longer exists; retrying");
    }

    private StepResult reject(String sagaId, AdministratorRejected rejection) {
        // Nothing of this saga may remain after a rejection, even from an earlier partial attempt.
        undo(sagaId);
        log.info("Rejected the administrator of saga {}: {}", sagaId, rejection.code());
        return new StepResult.Rejected(AdministratorRejected.class.getSimpleName(), rejection);
    }

    private void undo(String sagaId) {
        long deletedUsers = users.deleteBySaga(sagaId);
        long deletedContacts = contacts.deleteBySaga(sagaId);
        if (deletedUsers + deletedContacts > 0) {
            log.info("Deleted {} user(s) and {} contact(s) of saga {}", deletedUsers, deletedContacts, sagaId);
        }
    }

    private static CreateAdministrator valid(Envelope command, CreateAdministrator create) {
        Administrator admin = create.administrator();
        if (create.customerId() == null || admin == null || admin.username() == null || admin.email() == null
                || admin.firstName() == null || admin.lastName() == null || command.partnerId() == null) {
            throw new MalformedMessageException(command.type() + " " + command.messageId()
                    + " lacks customerId, partner or administrator username, names or e-mail");
        }
        if ((create.domains() == null || create.domains().isEmpty()) && create.accountName() == null) {
            throw new MalformedMessageException(command.type() + " " + command.messageId()
                    + " has neither domains nor an account name to form the UPN");
        }
        return create;
    }

    /** Same saga, same document: a redelivered command overwrites instead of duplicating. */
    static String id(String sagaId, String what) {
        return UUID.nameUUIDFromBytes((sagaId + "/" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
