package io.provisio.identity.user.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one-time secret of an activation link, as identity keeps it: only its SHA-256 and its expiry.
 * 256 random bits need no slow hash (nobody can guess them), and a fast one can be looked up.
 *
 * @param hash      hex SHA-256 of the token's text
 * @param expiresAt the first instant it is no longer accepted
 */
public record ActivationToken(String hash, Instant expiresAt) {

    /** 32 random bytes as base64url without padding. */
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ActivationToken {
        if (hash == null || expiresAt == null) {
            throw new IllegalArgumentException("an activation token needs its hash and expiry");
        }
    }

    /** A fresh token valid for {@code validity} from {@code from}; the plain text leaves only in the result. */
    public static Issued issue(Instant from, Duration validity) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        // Milliseconds: what MongoDB keeps, so the stored expiry and the one in the e-mail are the same instant.
        return new Issued(token, new ActivationToken(hash(token),
                from.plus(validity).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    }

    /** Whether the text could be a token at all; anything else is unknown without a database look-up. */
    public static boolean wellFormed(String token) {
        return token != null && FORM.matcher(token).matches();
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * A token just issued: {@code token} goes into the link (and the e-mail), {@code stored} into the database.
     */
    public record Issued(String token, ActivationToken stored) {

        /** Never prints the token. */
        @Override
        public String toString() {
            return "Issued[expiresAt=" + stored.expiresAt() + "]";
        }
    }
}
