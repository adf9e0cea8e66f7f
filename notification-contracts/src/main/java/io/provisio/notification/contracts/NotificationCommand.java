package io.provisio.notification.contracts;

/** Commands to notification on {@code notification-commands}. */
public sealed interface NotificationCommand extends NotificationMessage
        permits ScheduleWelcomeEmail, CancelWelcomeEmail, ScheduleActivationEmail, ScheduleSetupEmails,
        EndSetupEmails, ScheduleStaffInvitationEmail {
}
