package io.provisio.identity.partner.domain;

import java.time.Instant;

/**
 * A reseller, MSP or distributor that onboards customers through the API.
 *
 * @param notificationEmail where the partner's staff hear of what needs them (an administrator asking for a new
 *                          activation link); {@code null} when the partner gave none
 */
public record Partner(String id, String name, String notificationEmail, Instant createdAt) {

    public Partner {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a partner needs an id");
        }
    }

    public Partner(String id, String name, Instant createdAt) {
        this(id, name, null, createdAt);
    }
}
