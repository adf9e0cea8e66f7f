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

    /**
     * What a test needs to address the customer.
     *
     * @param domain the customer's own domain, new on every call: sign-in names are unique platform-wide
     */
    public record Onboarded(String customerId, String administratorId, String email, String adminContactId,
                            String siteAdminContactId, String domain) {
    }

    /**
     * Testbolag of Nordic IT on a domain of its own: administrator Bengt (ACTIVE), contacts Bengt (ADMIN) and
     * Åsa (SITE_ADMIN).
     */
    public static Onboarded testbolag(OrganizationStore organizations, UserStore users, String partnerId) {
        String customerId = UUID.randomUUID().toString();
        String sagaId = UUID.randomUUID().toString();
        String email = "bengt." + sagaId + "@testbolag.se";
        String domain = "testbolag-" + customerId + ".se";
        Contact admin = new Contact(UUID.randomUUID().toString(), ContactKind.ADMIN, "Bengt Testsson", email, null);
        Contact site = new Contact(UUID.randomUUID().toString(), ContactKind.SITE_ADMIN, "Åsa Öberg",
                "asa.oberg@testbolag.se", "+46 31 10 20 30");
        organizations.insertIfAbsent(new Organization(customerId, partnerId, sagaId, "testbolag", "Testbolag AB",
                List.of(domain), "sv", List.of(admin, site), false, Instant.now()));
        User administrator = User.administrator(UUID.randomUUID().toString(), partnerId, customerId, sagaId,
                "bengt.testsson", "Bengt", "Testsson", null, email, HASH, domain, null, Instant.now());
        users.insert(administrator, List.of());
        return new Onboarded(customerId, administrator.id(), email, admin.id(), site.id(), domain);
    }

    /**
     * A customer of {@code partnerId} without domains of its own, so its users sign in as
     * {@code <username>@<accountName>.provisio.cloud}; its administrator is {@code administratorUsername}.
     */
    public static Onboarded withoutDomains(OrganizationStore organizations, UserStore users, String partnerId,
                                           String accountName, String administratorUsername) {
        String customerId = UUID.randomUUID().toString();
        String sagaId = UUID.randomUUID().toString();
        String email = administratorUsername + "." + sagaId + "@" + accountName + ".se";
        Contact site = new Contact(UUID.randomUUID().toString(), ContactKind.SITE_ADMIN, "Sam Site",
                "sam." + sagaId + "@" + accountName + ".se", null);
        organizations.insertIfAbsent(new Organization(customerId, partnerId, sagaId, accountName, "Collide AB",
                List.of(), "sv", List.of(site), false, Instant.now()));
        String domain = accountName + ".provisio.cloud";
        User administrator = User.administrator(UUID.randomUUID().toString(), partnerId, customerId, sagaId,
                administratorUsername, "Ada", "Admin", null, email, HASH, domain, null, Instant.now());
        if (users.insert(administrator, List.of()) != UserStore.Insertion.INSERTED) {
            throw new IllegalStateException("fixture administrator " + administrator.upn() + " is not new");
        }
        return new Onboarded(customerId, administrator.id(), email, null, site.id(), domain);
    }
}
