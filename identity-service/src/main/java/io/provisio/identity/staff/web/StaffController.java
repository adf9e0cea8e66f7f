package io.provisio.identity.staff.web;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

import io.provisio.identity.staff.application.NewStaffMember;
import io.provisio.identity.staff.application.StaffAccounts;
import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partner's own staff (ADR 029), scoped by the token's partner: another partner's member answers 404 exactly
 * as one that does not exist. Only a {@code PARTNER_ADMIN} or an API client gets here (platform's
 * {@code StaffRoles}). Every change is written to the {@code io.provisio.audit} log: who, which member, which
 * fields; never an address or a link.
 */
@RestController
@RequestMapping("/api/v1/staff")
class StaffController {

    private static final Logger audit = LoggerFactory.getLogger("io.provisio.audit");

    private final StaffAccounts accounts;

    StaffController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    Page<StaffView> list(PartnerId partner, @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "20") int size) {
        return accounts.list(partner.value(), PageQuery.of(page, size)).map(StaffView::of);
    }

    @ApiResponse(responseCode = "201", description = "Invited: Location names the member", useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<StaffView> invite(PartnerId partner, @RequestBody NewStaffMember request, Principal actor) {
        StaffMember member = accounts.invite(partner.value(), request);
        audit.info("{} of partner {} invited staff member {} ({})", actor.getName(), partner.value(), member.id(),
                member.role());
        return ResponseEntity.created(URI.create("/api/v1/staff/" + member.id())).body(StaffView.of(member));
    }

    @GetMapping("/{id}")
    StaffView get(PartnerId partner, @PathVariable String id) {
        return StaffView.of(accounts.get(partner.value(), id));
    }

    /** JSON merge patch: {@code role}, {@code displayName}, {@code status} (ACTIVE or DISABLED). */
    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    StaffView change(PartnerId partner, @PathVariable String id, @RequestBody Map<String, Object> patch,
                     Principal actor) {
        StaffView changed = StaffView.of(accounts.change(partner.value(), id, actor.getName(), patch));
        audit.info("{} of partner {} changed staff member {}: {}", actor.getName(), partner.value(), id,
                patch.keySet());
        return changed;
    }

    /** A new invitation link by e-mail; the old one stops working. The link itself is never in the answer. */
    @ApiResponse(responseCode = "202", description = "A new invitation is on its way", useReturnTypeSchema = true)
    @PostMapping("/{id}/invitation")
    ResponseEntity<StaffView> resendInvitation(PartnerId partner, @PathVariable String id, Principal actor) {
        StaffView member = StaffView.of(accounts.resend(partner.value(), id));
        audit.info("{} of partner {} sent staff member {} a new invitation", actor.getName(), partner.value(), id);
        return ResponseEntity.accepted().body(member);
    }
}
