package io.provisio.identity.user.messaging;

import java.util.List;
import java.util.UUID;

import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.CreateAdministrator;
import io.provisio.identity.contracts.SupportContact;
import io.provisio.identity.contracts.ValidateAdministrator;

/** Named CREATE_ADMINISTRATOR scenarios; ids vary per call so tests never see each other's data. */
final class Onboardings {

    private Onboardings() {
    }

    /** Bengt of Testbolag, no password (so he gets an activation link), with two support contacts. */
    static CreateAdministrator swedishCustomerWithInvitedAdministrator(String customerId, String email) {
        return swedishCustomerWithInvitedAdministrator(customerId, email, null);
    }

    /** As above, the welcome (and activation) e-mail scheduled for {@code welcomeAt}. */
    static CreateAdministrator swedishCustomerWithInvitedAdministrator(String customerId, String email,
                                                                      java.time.Instant welcomeAt) {
        return new CreateAdministrator(customerId, "testbolag", "Testbolag Göteborg AB", List.of(domainOf(customerId)),
                new Administrator("bengt.testsson", "Bengt", "Testsson", null, email, null,
                        "+46 31 123 45 67", "IT-ansvarig", "IT"),
                List.of(new SupportContact("ADMIN", "Bengt Testsson", email, null),
                        new SupportContact("SITE_ADMIN", "Karin Lund", "karin.lund@testbolag.se", "+46 31 765 43 21")),
                "sv", welcomeAt);
    }

    /** The dry run of an onboarding whose administrator has this e-mail, on a domain nobody holds. */
    static ValidateAdministrator validation(String email) {
        return validation(email, "testbolag", List.of(domainOf(UUID.randomUUID().toString())));
    }

    /** The dry run of Bengt's onboarding with this e-mail, account name and domains. */
    static ValidateAdministrator validation(String email, String accountName, List<String> domains) {
        return new ValidateAdministrator(domains,
                new Administrator("bengt.testsson", "Bengt", "Testsson", null, email, null, null, null, null),
                List.of(new SupportContact("SITE_ADMIN", "Karin Lund", "karin.lund@testbolag.se", null)), accountName);
    }

    /**
     * The collision: an administrator {@code admin} of account {@code accountName} without domains of its
     * own, so the sign-in name is {@code admin@<accountName>.provisio.cloud} whichever partner onboards it.
     */
    static CreateAdministrator customerWithoutDomainsAndAdministratorNamedAdmin(String customerId,
                                                                                 String accountName, String email) {
        return new CreateAdministrator(customerId, accountName, "Collide AB", List.of(),
                new Administrator("admin", "Ada", "Admin", null, email, null, null, null, null),
                List.of(new SupportContact("SITE_ADMIN", "Sam Site", "sam." + customerId + "@collide.se", null)),
                "sv", null);
    }

    /** The customer's own domain in these scenarios: new per customer, as sign-in names are unique platform-wide. */
    static String domainOf(String customerId) {
        return "testbolag-" + customerId + ".se";
    }

    /** The German customer's account name, new per customer for the same reason. */
    static String accountOf(String customerId) {
        return "mueller-soehne-" + customerId.substring(0, 8);
    }

    /** Müller & Söhne without a domain of their own, administrator with a password. */
    static CreateAdministrator germanCustomerWithPassword(String customerId, String email) {
        return new CreateAdministrator(customerId, accountOf(customerId), "Müller & Söhne GmbH", List.of(),
                new Administrator("anna.mueller", "Anna", "Müller", "Anna M.", email,
                        "{bcrypt}$2a$10$jXve0jl9k.B8VToIiXX90OCHQiUIZMZFX6dD7X9aRjgP9DJabdFWO", null, null, null),
                List.of(new SupportContact("SITE_ADMIN", "Jörg Weiß", "joerg@mueller-soehne.de", null)),
                "de", null);
    }
}
