package io.provisio.customer.onboarding.application;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The digest an Idempotency-Key is stored with (ADR 012): HMAC-SHA256 of the request's canonical JSON under
 * a server key, so the stored value says nothing about the body, the administrator's password included,
 * to anyone without the key. Stored as {@code hmac-sha256:<hex>}.
 */
@Component
public class RequestDigests {

    static final String HMAC = "hmac-sha256:";

    private final SecretKeySpec key;

    RequestDigests(IdempotencyProperties properties) {
        this.key = new SecretKeySpec(properties.digestKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The key with the digest of the request it came with, and how to recognise that request again. */
    public IdempotencyKey keyFor(String idempotencyKey, byte[] canonicalRequest) {
        return new IdempotencyKey(idempotencyKey, HMAC + HexFormat.of().formatHex(mac(canonicalRequest)),
                HexFormat.of().formatHex(sha256(canonicalRequest)));
    }

    private byte[] mac(byte[] canonicalRequest) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(canonicalRequest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(byte[] canonicalRequest) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonicalRequest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
