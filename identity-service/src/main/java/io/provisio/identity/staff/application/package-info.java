/**
 * Staff management (ADR 029): a partner's admin (or an operator) invites a person by e-mail, the invitation link
 * sets their password, admins change roles and disable or enable accounts; a partner always keeps an active admin.
 */
package io.provisio.identity.staff.application;
