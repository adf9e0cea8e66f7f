package io.provisio.identity.user.domain;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrganizationTest {

    static final Contact ADMIN = new Contact("c-admin", ContactKind.ADMIN, "Bengt Testsson", "bengt@testbolag.se", null);
    static final Contact SITE = new Contact("c-site", ContactKind.SITE_ADMIN, "Åsa Öberg", "asa@testbolag.se", null);
    static final Contact OTHER = new Contact("c-other", ContactKind.OTHER, "Karin Lund", "karin@testbolag.se", null);

    @Test
    void refusesToRemoveTheLastSiteAdmin() {
        assertThatThrownBy(() -> testbolag(ADMIN, SITE).withoutContact("c-site", 1))
                .isInstanceOfSatisfying(LastRequiredContactException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContactKind.SITE_ADMIN));
    }

    @Test
    void countsTheAdministratorAsAnAdminContact() {
        assertThat(testbolag(ADMIN, SITE).withoutContact("c-admin", 1)).get()
                .extracting(Organization::contacts).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly(SITE);
        assertThatThrownBy(() -> testbolag(ADMIN, SITE).withoutContact("c-admin", 0))
                .isInstanceOf(LastRequiredContactException.class);
    }

    @Test
    void removesOtherContactsFreely() {
        assertThat(testbolag(SITE, OTHER).withoutContact("c-other", 1)).get()
                .extracting(Organization::contacts).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly(SITE);
    }

    @Test
    void findsNothingToRemoveForAnUnknownContact() {
        assertThat(testbolag(ADMIN, SITE).withoutContact("nope", 1)).isEmpty();
    }

    @Test
    void isVisibleOnlyToItsPartnerAndOnlyUntilCompensated() {
        Organization organization = testbolag(ADMIN, SITE);

        assertThat(organization.visibleTo("nordic-it")).isTrue();
        assertThat(organization.visibleTo("alpina-it")).isFalse();
        assertThat(new Organization("c1", "nordic-it", "s1", null, null, null, "sv", null, true, Instant.EPOCH)
                .visibleTo("nordic-it")).isFalse();
    }

    private static Organization testbolag(Contact... contacts) {
        return new Organization("c1", "nordic-it", "s1", "testbolag", "Testbolag AB", List.of("testbolag.se"), "sv",
                List.of(contacts), false, Instant.EPOCH);
    }
}
