package io.provisio.notification.messaging;

import io.provisio.notification.contracts.CancelWelcomeEmail;
import io.provisio.notification.contracts.EndSetupEmails;
import io.provisio.notification.contracts.NotificationCommand;
import io.provisio.notification.contracts.NotificationMessages;
import io.provisio.notification.contracts.ScheduleActivationEmail;
import io.provisio.notification.contracts.ScheduleSetupEmails;
import io.provisio.notification.contracts.ScheduleStaffInvitationEmail;
import io.provisio.notification.contracts.ScheduleWelcomeEmail;
import io.provisio.notification.contracts.WelcomeEmailCancelled;
import io.provisio.notification.email.application.ActivationEmails;
import io.provisio.notification.email.application.StaffInvitationEmails;
import io.provisio.notification.email.application.WelcomeEmails;
import io.provisio.notification.setup.application.SetupTimers;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.participant.SagaParticipant;
import org.springframework.stereotype.Component;

/**
 * {@code notification-commands}: SCHEDULE_WELCOME_EMAIL and its compensation go through the saga participant,
 * which makes duplicates, crashes and a compensation overtaking its action harmless; the work itself is
 * {@link WelcomeEmails}'s. Identity's ScheduleActivationEmail is outside any saga, idempotent by its message id;
 * so is its ScheduleStaffInvitationEmail ({@link StaffInvitationEmails}, ADR 029);
 * its ScheduleSetupEmails starts a setup's timer ({@link SetupTimers}), idempotent by the customer id.
 */
@Component
class NotificationCommandHandler {

    private final SagaParticipant participant;
    private final WelcomeEmails welcome;
    private final ActivationEmails activation;
    private final SetupTimers setupTimers;
    private final StaffInvitationEmails staffInvitations;

    NotificationCommandHandler(SagaParticipant participant, WelcomeEmails welcome, ActivationEmails activation,
                               SetupTimers setupTimers, StaffInvitationEmails staffInvitations) {
        this.participant = participant;
        this.welcome = welcome;
        this.activation = activation;
        this.setupTimers = setupTimers;
        this.staffInvitations = staffInvitations;
    }

    void handle(Envelope command, NotificationCommand message) {
        String sagaId = command.sagaId();
        String partnerId = command.partnerId();
        switch (message) {
            case ScheduleWelcomeEmail schedule -> participant.act(command,
                    () -> welcome.schedule(sagaId, partnerId, schedule),
                    () -> welcome.cancelUnsent(sagaId, partnerId, schedule.customerId()));
            case CancelWelcomeEmail cancel -> participant.compensate(command,
                    () -> welcome.cancelUnsent(sagaId, partnerId, cancel.customerId()),
                    NotificationMessages.REPLIES.nameOf(WelcomeEmailCancelled.class),
                    () -> welcome.cancelled(sagaId, partnerId, cancel.customerId()));
            case ScheduleActivationEmail schedule -> activation.schedule(command.messageId(), partnerId, schedule);
            case ScheduleSetupEmails schedule -> setupTimers.start(partnerId, schedule);
            case EndSetupEmails end -> setupTimers.completed(partnerId, command.messageId(), end);
            case ScheduleStaffInvitationEmail invite -> staffInvitations.schedule(command.messageId(), partnerId,
                    invite);
        }
    }
}
