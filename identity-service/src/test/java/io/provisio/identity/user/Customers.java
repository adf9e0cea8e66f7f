package io.provisio.identity.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.ContactKind;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserStore;

/**
 * Named customers as the saga leaves them in identity's stores, for the REST ITs; ids and e-mails are
 * new on every call, so tests never see each other's data.
 */
public final class Customers {

    /** bcrypt of "alpine-secret", a stand-in hash; no test logs in with it. */
    public static final String HASH = "{bcrypt}$2a$10$jXve0jl9k.B8VToIiXX90OCHQiUIZMZFX6dD7X9aRjgP9DJabdFWO";

    private Customers() {
    }

    /** What a test needs to address the customer. */
    public record Onboarded(String customerId, String administratorId, String email, String adminContactId,
                            String siteAdminContactId) {
    }

    /**
     * Testbolag of Nordic IT: administrator Bengt (ACTIVE), contacts Bengt (ADMIN) and Åsa (SITE_ADMIN).
     */
    public static Onboarded testbolag(OrganizationStore organizations, UserStore users, String partnerId) {
        String customerId = UUID.randomUUID().toString();
        String sagaId = UUID.randomUUID().toString();
        String email = "bengt." + sagaId + "@testbolag.se";
        Contact admin = new Contact(UUID.randomUUID().toString(), ContactKind.ADMIN, "Bengt Testsson", email, null);
        Contact site = new Contact(UUID.randomUUID().toString(), ContactKind.SITE_ADMIN, "Åsa Öberg",
                "asa.oberg@testbolag.se", "+46 31 10 20 30");
        organizations.insertIfAbsent(new Organization(customerId, partnerId, sagaId, "testbolag", "Testbolag AB",
                List.of("testbolag.se"), "sv", List.of(admin, site), false, Instant.now()));
        User administrator = User.administrator(UUID.randomUUID().toString(), partnerId, customerId, sagaId,
                "bengt.testsson", "Bengt", "Testsson", null, email, HASH, "testbolag.se", null, Instant.now());
        users.insert(administrator, List.of());
        return new Onboarded(customerId, administrator.id(), email, admin.id(), site.id());
    }
}
