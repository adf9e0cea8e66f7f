package io.provisio.identity.staff.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.provisio.identity.IdentityProperties;
import io.provisio.identity.partner.application.PartnerRegistry;
import io.provisio.identity.partner.domain.Partner;
import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.staff.domain.StaffRole;
import io.provisio.identity.staff.domain.StaffStatus;
import io.provisio.identity.staff.persistence.StaffStore;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.NotificationMessages;
import io.provisio.notification.contracts.ScheduleStaffInvitationEmail;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.OutgoingMessage;
import io.provisio.platform.refusal.Refusal;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.FieldRules;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A partner's staff through the API (ADR 029), scoped by the partner of the verified token: another partner's
 * member answers 404 exactly as one that does not exist. An invitation is one write of the INVITED member, its
 * link's hash and the request for its e-mail; the token itself travels only in that request. A partner keeps at
 * least one ACTIVE {@code PARTNER_ADMIN}: changes that could take it away take turns on the partner's claim and
 * count while holding it.
 */
@Component
public class StaffAccounts {

    /** The languages of the invitation e-mail and page, as everywhere in Provisio. */
    public static final Set<String> LANGUAGES = Set.of("en", "sv", "de", "it", "nl", "nb");

    private static final Logger log = LoggerFactory.getLogger(StaffAccounts.class);
    private static final int ATTEMPTS = 5;
    private static final Set<String> PATCHABLE = Set.of("role", "displayName", "status");

    private final StaffStore staff;
    private final PartnerRegistry partners;
    private final MessageCodec codec;
    private final IdentityProperties properties;
    private final Clock clock;

    StaffAccounts(StaffStore staff, PartnerRegistry partners, MessageCodec codec, IdentityProperties properties,
                  Clock clock) {
        this.staff = staff;
        this.partners = partners;
        this.codec = codec;
        this.properties = properties;
        this.clock = clock;
    }

    public Page<StaffMember> list(String partnerId, PageQuery paging) {
        return paging.answer(staff.page(partnerId, paging.page(), paging.size()), staff.count(partnerId));
    }

    public StaffMember get(String partnerId, String id) {
        return staff.find(partnerId, id).orElseThrow(() -> Refusal.notFound("staff member", id));
    }

    /**
     * Invites a person: INVITED, no password, a link by e-mail in the same write.
     *
     * @throws Refusal 400 with every invalid field, 409 {@code STAFF_EMAIL_IN_USE} when the sign-in name is
     *                    anybody's on the platform
     */
    public StaffMember invite(String partnerId, NewStaffMember request) {
        if (partners.find(partnerId).isEmpty()) {
            throw Refusal.notFound("Partner", partnerId);
        }
        List<FieldError> errors = new ArrayList<>();
        FieldRules.email(errors, "email", request.email());
        displayName(errors, request.displayName(), true);
        role(errors, request.role());
        if (request.language() != null && !LANGUAGES.contains(request.language())) {
            errors.add(new FieldError("language", "must be one of en, sv, de, it, nl, nb"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        Instant now = clock.instant();
        ActivationToken.Issued link = ActivationToken.issue(now, properties.activationTtl());
        StaffMember member = StaffMember.invited(StaffStore.newId(), partnerId, request.email(),
                request.displayName().strip(), StaffRole.of(request.role()),
                request.language() == null ? "en" : request.language(), link.stored(), now);
        if (staff.findByUsername(member.username()).isPresent()) {
            throw emailInUse();
        }
        switch (staff.insert(member, List.of(invitationEmail(member, link)))) {
            case INSERTED -> { }
            // Taken between the look and the insert: the index decided, the answer is the same.
            case USERNAME_TAKEN -> throw emailInUse();
            case ID_EXISTS -> throw new IllegalStateException("a new random staff id " + member.id() + " exists");
        }
        log.info("Invited staff member {} ({}) of partner {}", member.id(), member.role(), partnerId);
        return member;
    }

    /**
     * A new invitation link to an INVITED member; the one before is dead from the same write on.
     *
     * @return the member with the new link's expiry
     */
    public StaffMember resend(String partnerId, String id) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StaffMember member = get(partnerId, id);
            if (member.status() != StaffStatus.INVITED || member.invitation() == null) {
                throw Refusal.conflict("STAFF_ALREADY_ACTIVE", "Invitation already accepted",
                        "staff member " + id + " has set a password; there is no invitation to send again");
            }
            ActivationToken.Issued link = ActivationToken.issue(clock.instant(), properties.activationTtl());
            StaffMember next = new StaffMember(member.id(), member.partnerId(), member.username(),
                    member.displayName(), member.role(), null, member.createdAt(), member.status(), member.language(),
                    link.stored());
            if (staff.replaceInvitation(member, link.stored(), List.of(invitationEmail(next, link)))) {
                log.info("Sent a new invitation to staff member {} of partner {}", id, partnerId);
                return next;
            }
        }
        throw new IllegalStateException("staff member " + id + " kept changing while a new link was being sent");
    }

    /**
     * JSON merge patch of role, display name and status ({@code ACTIVE} or {@code DISABLED}; an INVITED member's
     * status changes only through the link).
     *
     * @param actorId the token's subject: a staff member may not disable themselves
     * @throws Refusal 400 with every invalid field, 404, 409 {@code LAST_PARTNER_ADMIN}, 409
     *                    {@code CANNOT_DISABLE_SELF}, 409 {@code STAFF_NOT_ACTIVATED}, 409 {@code CHANGE_IN_PROGRESS}
     */
    public StaffMember change(String partnerId, String id, String actorId, Map<String, Object> patch) {
        List<FieldError> errors = new ArrayList<>();
        patch.keySet().stream().filter(field -> !PATCHABLE.contains(field)).sorted().forEach(field ->
                errors.add(new FieldError(field, "id".equals(field) || "email".equals(field)
                        || "partnerId".equals(field) || "createdAt".equals(field) || "language".equals(field)
                        ? "cannot be changed" : "is not a field of a staff member")));
        String role = text(errors, patch, "role");
        if (role != null) {
            role(errors, role);
        } else if (patch.containsKey("role")) {
            errors.add(new FieldError("role", "must be PARTNER_ADMIN or PARTNER_AGENT"));
        }
        String displayName = text(errors, patch, "displayName");
        if (patch.containsKey("displayName")) {
            displayName(errors, displayName, true);
        }
        String status = text(errors, patch, "status");
        if (patch.containsKey("status") && !"ACTIVE".equals(status) && !"DISABLED".equals(status)) {
            errors.add(new FieldError("status", "must be ACTIVE or DISABLED"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        StaffMember member = get(partnerId, id);
        if (status != null && member.status() == StaffStatus.INVITED) {
            throw Refusal.conflict("STAFF_NOT_ACTIVATED", "Invitation not accepted yet",
                    "staff member " + id + " has not set a password yet; the status changes once they do");
        }
        if ("DISABLED".equals(status) && id.equals(actorId) && member.status() != StaffStatus.DISABLED) {
            throw Refusal.conflict("CANNOT_DISABLE_SELF", "Cannot disable yourself",
                    "a staff member cannot disable their own account; ask another admin");
        }
        StaffMember changed = new StaffMember(member.id(), member.partnerId(), member.username(),
                displayName == null ? member.displayName() : displayName.strip(),
                role == null ? member.role() : StaffRole.of(role), member.passwordHash(), member.createdAt(),
                status == null ? member.status() : StaffStatus.valueOf(status), member.language(),
                member.invitation());
        if (member.activeAdmin() && !changed.activeAdmin()) {
            changeLastAdminSafely(member, changed);
        } else if (!staff.change(member, changed, clock.instant())) {
            throw changedMeanwhile(id);
        }
        log.info("Staff member {} of partner {} changed: {}", id, partnerId, patch.keySet());
        return get(partnerId, id);
    }

    /** Takes an active admin's powers away only while another stays, deciding in turns with any such change. */
    private void changeLastAdminSafely(StaffMember member, StaffMember changed) {
        Instant now = clock.instant();
        String owner = UUID.randomUUID().toString();
        if (!staff.claimAdminChange(member.partnerId(), owner, now, now.plus(properties.administratorRemovalLease()))) {
            throw Refusal.conflict("CHANGE_IN_PROGRESS", "Change in progress",
                    "another change to the partner's admins is being made; try again");
        }
        try {
            if (staff.countActiveAdmins(member.partnerId()) <= 1) {
                throw Refusal.conflict("LAST_PARTNER_ADMIN", "Last partner admin",
                        "the partner must keep at least one active staff member with the role PARTNER_ADMIN");
            }
            if (!staff.change(member, changed, now)) {
                throw changedMeanwhile(member.id());
            }
        } finally {
            staff.releaseAdminChange(member.partnerId(), owner);
        }
    }

    private OutgoingMessage invitationEmail(StaffMember member, ActivationToken.Issued link) {
        String partnerName = partners.find(member.partnerId()).map(Partner::name).orElse(member.partnerId());
        return OutgoingMessage.toConsumer(NotificationChannels.COMMANDS, codec.command(
                NotificationMessages.COMMANDS, null, null, member.partnerId(), null, null,
                new ScheduleStaffInvitationEmail(member.id(), member.username(), member.displayName(),
                        member.language(), partnerName, member.role().name(), link.token(),
                        link.stored().expiresAt())));
    }

    private static String text(List<FieldError> errors, Map<String, Object> patch, String field) {
        Object value = patch.get(field);
        if (value != null && !(value instanceof String)) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return (String) value;
    }

    private static void displayName(List<FieldError> errors, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError("displayName", "is required"));
            }
        } else if (value.length() > 200) {
            errors.add(new FieldError("displayName", "must be at most 200 characters"));
        }
    }

    private static void role(List<FieldError> errors, String value) {
        try {
            StaffRole.of(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("role", "must be PARTNER_ADMIN or PARTNER_AGENT"));
        }
    }

    private static Refusal emailInUse() {
        return Refusal.conflict("STAFF_EMAIL_IN_USE", "E-mail already in use",
                "a staff account with this e-mail exists on the platform; it signs in with it");
    }

    private static Refusal changedMeanwhile(String id) {
        return Refusal.conflict("CHANGE_IN_PROGRESS", "Changed meanwhile",
                "staff member " + id + " was changed by someone else meanwhile; look again and retry");
    }
}
