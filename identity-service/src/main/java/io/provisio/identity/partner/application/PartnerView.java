package io.provisio.identity.partner.application;

import java.time.Instant;

import io.provisio.identity.partner.domain.Partner;

/** A partner as operators see it ({@code GET/PATCH /api/v1/operator/partners/{id}}); no client or secret in it. */
public record PartnerView(String id, String name, String notificationEmail, Instant createdAt) {

    public static PartnerView of(Partner partner) {
        return new PartnerView(partner.id(), partner.name(), partner.notificationEmail(), partner.createdAt());
    }
}
