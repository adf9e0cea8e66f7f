package io.provisio.notification.profile;

/**
 * A customer as far as e-mail is concerned, learnt from SCHEDULE_WELCOME_EMAIL (or, partially, from an
 * activation request). Owned by one partner: the partner id comes from the message envelope.
 *
 * @param administratorEmail {@code null} until the welcome step told us
 * @param language           the language the customer's e-mails default to (en sv de it nl nb)
 */
public record CustomerProfile(
        String customerId,
        String partnerId,
        String administratorEmail,
        String administratorName,
        String language,
        String companyName,
        String partnerName) {
}
