package io.provisio.notification.email.application;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Recipient checks done before anything is stored, so an e-mail that can never go out is refused up front. */
final class Addresses {

    private Addresses() {
    }

    static boolean isValid(String to) {
        if (to == null || to.isBlank()) {
            return false;
        }
        try {
            new InternetAddress(to, true);
            return true;
        } catch (AddressException e) {
            return false;
        }
    }
}
