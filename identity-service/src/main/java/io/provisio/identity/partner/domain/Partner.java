package io.provisio.identity.partner.domain;

import java.time.Instant;

/** A reseller, MSP or distributor that onboards customers through the API. */
public record Partner(String id, String name, Instant createdAt) {

    public Partner {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a partner needs an id");
        }
    }
}
