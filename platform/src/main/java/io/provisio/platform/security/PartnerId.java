package io.provisio.platform.security;

/**
 * The partner the verified token speaks for. Declare it as a controller method parameter; it is
 * never read from a header or a body the client controls.
 */
public record PartnerId(String value) {

    public static final String CLAIM = "partner_id";

    public PartnerId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("partner id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
