package io.provisio.identity.staff.application;

/**
 * {@code POST /api/v1/staff}: whom to invite.
 *
 * @param email    the person's address, which is also their sign-in name
 * @param role     {@code PARTNER_ADMIN} or {@code PARTNER_AGENT}
 * @param language of the invitation e-mail and page, {@code en} when absent
 */
public record NewStaffMember(String email, String displayName, String role, String language) {
}
