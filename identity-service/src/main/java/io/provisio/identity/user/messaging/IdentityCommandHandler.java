package io.provisio.identity.user.messaging;

import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.AdministratorDeleted;
import io.provisio.identity.contracts.CreateAdministrator;
import io.provisio.identity.contracts.DeleteAdministrator;
import io.provisio.identity.contracts.IdentityCommand;
import io.provisio.identity.contracts.IdentityMessages;
import io.provisio.identity.contracts.ValidateAdministrator;
import io.provisio.identity.user.application.AdministratorOnboarding;
import io.provisio.platform.messaging.DirectReplies;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.participant.SagaParticipant;
import org.springframework.stereotype.Component;

/**
 * {@code identity-commands}: hands CREATE_ADMINISTRATOR and its compensation to the saga participant, which makes
 * duplicates, crashes and a compensation overtaking its action harmless; the work itself is
 * {@link AdministratorOnboarding}'s. The dry run's ValidateAdministrator writes nothing and is answered directly.
 */
@Component
class IdentityCommandHandler {

    private final SagaParticipant participant;
    private final DirectReplies direct;
    private final AdministratorOnboarding administrators;

    IdentityCommandHandler(SagaParticipant participant, DirectReplies direct, AdministratorOnboarding administrators) {
        this.participant = participant;
        this.direct = direct;
        this.administrators = administrators;
    }

    void handle(Envelope command, IdentityCommand message) {
        switch (message) {
            case CreateAdministrator create -> {
                requireComplete(command, create);
                participant.act(command, () -> administrators.create(command.sagaId(), command.partnerId(), create),
                        () -> administrators.undo(command.sagaId(), create.customerId()));
            }
            case DeleteAdministrator delete -> participant.compensate(command,
                    () -> administrators.undo(command.sagaId(), delete.customerId()), IdentityMessages.REPLIES,
                    new AdministratorDeleted(delete.customerId()));
            case ValidateAdministrator validate ->
                    direct.reply(command, CustomerMessages.DRY_RUN_REPLIES, administrators.check(validate));
        }
    }

    /** A command that lacks what every administrator needs can never succeed: poison, not a refusal. */
    private static void requireComplete(Envelope command, CreateAdministrator create) {
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
    }
}
