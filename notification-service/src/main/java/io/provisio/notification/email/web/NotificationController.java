package io.provisio.notification.email.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.provisio.ids.Ids;
import io.provisio.notification.email.delivery.MailRenderer;
import io.provisio.notification.email.delivery.RenderedMail;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.NotificationPage;
import io.provisio.notification.email.persistence.NotificationQueries;
import io.provisio.notification.email.persistence.PartnerChanges;
import io.provisio.notification.profile.CustomerProfileStore;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A customer's e-mails: list, look at, preview, reschedule, cancel, resend. A customer this service does
 * not know, or one of another partner, answers 404 exactly alike. Every change is conditional on the
 * e-mail's status in one write, so a dispatcher claiming it at the same instant wins or loses cleanly,
 * and lands in the e-mail's history with the partner's id.
 */
@RestController
@RequestMapping("/api/v1/customers/{customerId}/notifications")
class NotificationController {

    /** The audit line of every change: ids and times only, never an address, a model value or a link. */
    private static final Logger log = LoggerFactory.getLogger(NotificationController.class);

    /** How far ahead a partner may move an e-mail. */
    static final Duration MAX_AHEAD = Duration.ofDays(365);

    private final NotificationQueries queries;
    private final PartnerChanges changes;
    private final CustomerProfileStore profiles;
    private final MailRenderer renderer;
    private final Clock clock;

    NotificationController(NotificationQueries queries, PartnerChanges changes, CustomerProfileStore profiles,
                           MailRenderer renderer, Clock clock) {
        this.queries = queries;
        this.changes = changes;
        this.profiles = profiles;
        this.renderer = renderer;
        this.clock = clock;
    }

    @GetMapping
    Page<NotificationView> list(PartnerId partner, @PathVariable String customerId,
                                @RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "20") int size) {
        PageQuery query = PageQuery.of(page, size);
        requireCustomer(partner, customerId);
        NotificationPage found = queries.page(partner.value(), customerId, query.page(), query.size());
        return query.answer(found.items().stream().map(NotificationView::of).toList(), found.total());
    }

    @GetMapping("/{notificationId}")
    NotificationDetails get(PartnerId partner, @PathVariable String customerId, @PathVariable String notificationId) {
        return NotificationDetails.of(require(partner, customerId, notificationId));
    }

    @GetMapping("/{notificationId}/preview")
    MailPreview preview(PartnerId partner, @PathVariable String customerId, @PathVariable String notificationId) {
        RenderedMail mail = renderer.preview(require(partner, customerId, notificationId));
        return new MailPreview(mail.subject(), mail.text(), mail.html(), mail.language().code());
    }

    @PatchMapping("/{notificationId}")
    NotificationDetails reschedule(PartnerId partner, @PathVariable String customerId,
                                   @PathVariable String notificationId, @RequestBody JsonNode body) {
        Notification scheduled = require(partner, customerId, notificationId);
        Instant sendAt = validSendAt(body, clock.instant());
        Object expiresAt = scheduled.model().get("expiresAt");
        if (scheduled.template() == Template.ACTIVATION && expiresAt != null
                && !sendAt.isBefore(Instant.parse(expiresAt.toString()))) {
            // Its link would be dead on arrival, and its token would wait in clear for nothing (ADR 006).
            throw ApiProblem.validation(List.of(new FieldError("sendAt",
                    "must be before the activation link expires at " + expiresAt)));
        }
        if (!changes.reschedule(partner.value(), customerId, notificationId, sendAt, clock.instant())) {
            throw notScheduled(notificationId);
        }
        log.info("Partner {} rescheduled e-mail {} of customer {} to {}", partner.value(), notificationId,
                customerId, sendAt);
        return NotificationDetails.of(require(partner, customerId, notificationId));
    }

    @PostMapping("/{notificationId}/cancel")
    NotificationDetails cancel(PartnerId partner, @PathVariable String customerId,
                               @PathVariable String notificationId) {
        require(partner, customerId, notificationId);
        if (!changes.cancel(partner.value(), customerId, notificationId, clock.instant())) {
            throw notScheduled(notificationId);
        }
        log.info("Partner {} cancelled e-mail {} of customer {}", partner.value(), notificationId, customerId);
        return NotificationDetails.of(require(partner, customerId, notificationId));
    }

    @ApiResponse(responseCode = "201", description = "A new e-mail, a copy of this one, due now: Location names"
            + " it", useReturnTypeSchema = true)
    @PostMapping("/{notificationId}/resend")
    ResponseEntity<NotificationDetails> resend(PartnerId partner, @PathVariable String customerId,
                                               @PathVariable String notificationId) {
        Notification original = require(partner, customerId, notificationId);
        if (original.template().carriesToken() && original.template() != Template.ACTIVATION) {
            throw new ApiProblem(HttpStatus.CONFLICT, "NOT_RESENDABLE", "Not resendable",
                    "A setup e-mail carries the customer's setup link, which is never copied; reminders follow the"
                            + " setup's cadence (ADR 023)");
        }
        if (original.template() == Template.ACTIVATION) {
            // Its token is single-use and erased once sent: only identity can issue a new link.
            throw new ApiProblem(HttpStatus.CONFLICT, "ACTIVATION_RESEND_VIA_IDENTITY", "Resend through identity",
                    "An activation link is single-use; request a new one with POST /api/v1/customers/" + customerId
                            + "/users/{userId}/activation");
        }
        NotificationStatus status = original.status();
        if (status != NotificationStatus.SENT && status != NotificationStatus.FAILED) {
            throw new ApiProblem(HttpStatus.CONFLICT, "NOT_RESENDABLE", "Not resendable",
                    "Only a SENT or FAILED e-mail can be re-sent; " + notificationId + " is "
                            + status.publicStatus());
        }
        Instant now = clock.instant();
        Notification copy = original.resend(Ids.newId("ntf"), now);
        changes.resend(partner.value(), original, copy, now);
        log.info("Partner {} re-sent e-mail {} of customer {} as {}", partner.value(), original.id(), customerId,
                copy.id());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/notifications/" + copy.id()))
                .body(NotificationDetails.of(require(partner, customerId, copy.id())));
    }

    /**
     * Reads the PATCH body by hand rather than binding a record, so a malformed date and an unknown field are
     * reported together as VALIDATION_FAILED with every field, as for any other invalid input.
     */
    private static Instant validSendAt(JsonNode body, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Instant sendAt = null;
        if (body == null || !body.isObject()) {
            throw ApiProblem.validation(List.of(new FieldError("sendAt", "is required")));
        }
        for (String field : body.propertyNames()) {
            if (!field.equals("sendAt")) {
                errors.add(new FieldError(field, "unknown field; only sendAt can change"));
            }
        }
        JsonNode value = body.get("sendAt");
        if (value == null || value.isNull()) {
            errors.add(new FieldError("sendAt", "is required"));
        } else {
            try {
                sendAt = Instant.parse(value.isString() ? value.asString() : "");
                if (!sendAt.isAfter(now)) {
                    errors.add(new FieldError("sendAt", "must be in the future"));
                } else if (sendAt.isAfter(now.plus(MAX_AHEAD))) {
                    errors.add(new FieldError("sendAt", "must be at most one year ahead"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("sendAt", "must be an ISO-8601 instant, e.g. 2027-05-31T08:00:00Z"));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(FieldError::field));
            throw ApiProblem.validation(errors);
        }
        return sendAt;
    }

    private void requireCustomer(PartnerId partner, String customerId) {
        if (profiles.find(partner.value(), customerId).isEmpty()) {
            throw ApiProblem.notFound("Customer", customerId);
        }
    }

    private Notification require(PartnerId partner, String customerId, String notificationId) {
        requireCustomer(partner, customerId);
        return queries.find(partner.value(), customerId, notificationId)
                .orElseThrow(() -> ApiProblem.notFound("Notification", notificationId));
    }

    private static ApiProblem notScheduled(String notificationId) {
        return new ApiProblem(HttpStatus.CONFLICT, "NOT_SCHEDULED", "Not scheduled",
                "Notification " + notificationId + " is no longer waiting to be sent");
    }

    /** The e-mail as it would be sent; an activation link shows {@code token=••••}. */
    record MailPreview(String subject, String text, String html, String language) {
    }
}
