package io.provisio.identity.partner.application;

import java.util.List;

/**
 * {@code POST /api/v1/operator/partners}.
 *
 * @param id       the partner id every token will carry, {@code ^[a-z0-9][a-z0-9-]{1,62}$}
 * @param clientId the first API client's id; default {@code <id>-api}
 * @param scopes   the client's scopes; default {@code [onboarding, catalog]}
 * @param notificationEmail where the partner's staff are told what needs them (an administrator asking for a new
 *                 activation link, a stalled setup); optional
 */
public record NewPartner(String id, String name, String clientId, List<String> scopes, String notificationEmail) {
}
