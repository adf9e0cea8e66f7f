package io.provisio.customer.contracts;

/**
 * One problem a dry run found.
 *
 * @param field the request's field path as API.md writes it, e.g. {@code administrator.email}, {@code plans[1].units}
 * @param code  the failure code the real run would end with, e.g. {@code ADMIN_EMAIL_IN_USE}
 */
public record DryRunFinding(String field, String code, String message) {
}
