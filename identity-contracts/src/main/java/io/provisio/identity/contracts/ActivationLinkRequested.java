package io.provisio.identity.contracts;

import java.time.Instant;

/**
 * Event on {@code identity-events}: a person whose activation link expired asked, on the activation page, for a
 * new one. Only the partner can send one (the resend endpoint), so notification-service tells the partner by
 * e-mail (and, once webhooks exist, as {@code activation.requested}). Announced once per link. Carries no token.
 *
 * @param partnerEmail      where the partner wants to hear of it (its bootstrap {@code notificationEmail}), or
 *                          {@code null} when it gave none
 * @param partnerName       the partner's display name, for the e-mail's greeting
 * @param linkExpiredAt     when the link the person holds stopped working
 * @param requestedAt       when the person asked
 */
public record ActivationLinkRequested(String customerId, String userId, String upn, String displayName,
                                      String companyName, String partnerName, String partnerEmail,
                                      Instant linkExpiredAt, Instant requestedAt) implements IdentityEvent {
}
