package io.provisio.identity.staff.web;

import java.security.Principal;

import io.provisio.identity.staff.application.NewStaffMember;
import io.provisio.identity.staff.application.StaffAccounts;
import io.provisio.identity.staff.domain.StaffMember;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An operator invites a partner's staff, typically its first {@code PARTNER_ADMIN} (ADR 029); scope
 * {@code operator} (the security chain), audited. The same rules and answers as the partner's own invitation.
 */
@RestController
class OperatorStaffController {

    private static final Logger audit = LoggerFactory.getLogger("io.provisio.audit");

    private final StaffAccounts accounts;

    OperatorStaffController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @ApiResponse(responseCode = "201", description = "Invited", useReturnTypeSchema = true)
    @PostMapping("/api/v1/operator/partners/{partnerId}/staff")
    ResponseEntity<StaffView> invite(@PathVariable String partnerId, @RequestBody NewStaffMember request,
                                     Principal operator) {
        StaffMember member = accounts.invite(partnerId, request);
        audit.info("Operator {} invited staff member {} ({}) of partner {}", operator.getName(), member.id(),
                member.role(), partnerId);
        return ResponseEntity.status(HttpStatus.CREATED).body(StaffView.of(member));
    }
}
