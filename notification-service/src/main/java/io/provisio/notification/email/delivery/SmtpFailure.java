package io.provisio.notification.email.delivery;

/**
 * Why an SMTP send did not go through, classified for what follows.
 *
 * @param kind   PERMANENT: the server refused for good (5xx) or the message cannot be built; TRANSIENT: a 4xx
 *               answer or no connection, worth another attempt later; CIRCUIT_OPEN: not tried at all
 * @param reason the server's own words when it answered, else the exception's
 */
record SmtpFailure(Kind kind, String reason) {

    enum Kind { PERMANENT, TRANSIENT, CIRCUIT_OPEN }
}
