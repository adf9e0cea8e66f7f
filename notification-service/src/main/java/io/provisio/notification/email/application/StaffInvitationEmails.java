package io.provisio.notification.email.application;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.provisio.notification.contracts.ScheduleStaffInvitationEmail;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.SagaNotificationStore;
import io.provisio.platform.messaging.MalformedMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Identity's {@code ScheduleStaffInvitationEmail} (ADR 029), outside any saga: a STAFF_INVITATION e-mail to a
 * partner's new staff member, due now, in the language the inviter chose. The e-mail id derives from the request's
 * message id, so a redelivery finds the e-mail it created. It belongs to no customer. An earlier unsent invitation to
 * the same person is not cancelled here: its link died with the newer token, and the page says so.
 */
@Service
public class StaffInvitationEmails {

    private static final Logger log = LoggerFactory.getLogger(StaffInvitationEmails.class);

    private final SagaNotificationStore store;
    private final Clock clock;

    StaffInvitationEmails(SagaNotificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @param messageId the request's message id: the e-mail's id derives from it */
    public void schedule(String messageId, String partnerId, ScheduleStaffInvitationEmail command) {
        if (partnerId == null || command.staffId() == null || !Addresses.isValid(command.to())
                || command.invitationToken() == null || command.invitationToken().isBlank()) {
            // Nobody to answer: the dead-letter queue is where an operator sees it.
            throw new MalformedMessageException("ScheduleStaffInvitationEmail without partner, member, valid"
                    + " recipient or token");
        }
        Instant now = clock.instant();
        Notification invitation = Notification.scheduled(Notification.idOf("staff-invitation/" + messageId),
                partnerId, null, null, Template.STAFF_INVITATION, command.to(),
                Language.choose(command.language(), null), model(command), now, now)
                .withActivation(command.staffId(), command.invitationToken());
        if (store.insertIfAbsent(invitation)) {
            log.info("Staff invitation e-mail {} for staff member {} scheduled", invitation.id(), command.staffId());
        }
    }

    private static Map<String, Object> model(ScheduleStaffInvitationEmail command) {
        Map<String, Object> model = new LinkedHashMap<>();
        WelcomeEmails.put(model, "recipientName", command.recipientName());
        WelcomeEmails.put(model, "partnerName", command.partnerName());
        WelcomeEmails.put(model, "upn", command.to());
        WelcomeEmails.put(model, "admin", "PARTNER_ADMIN".equals(command.role()));
        WelcomeEmails.put(model, "expiresAt", command.expiresAt() == null ? null : command.expiresAt().toString());
        return model;
    }
}
