package io.provisio.customer.customers.domain;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    void anActiveCustomerIsSuspendedWithAnEventForTheOtherServices() {
        Customer.Transition suspended = customer(CustomerStatus.ACTIVE).suspend(NOW);

        assertThat(suspended.outcome()).isEqualTo(Customer.Outcome.CHANGED);
        assertThat(suspended.customer().status()).isEqualTo(CustomerStatus.SUSPENDED);
        assertThat(suspended.event()).contains(new CustomerEvent.Suspended("cus-1", NOW));
    }

    @Test
    void aSuspendedCustomerIsResumedWithAnEvent() {
        Customer.Transition resumed = customer(CustomerStatus.SUSPENDED).resume(NOW);

        assertThat(resumed.outcome()).isEqualTo(Customer.Outcome.CHANGED);
        assertThat(resumed.customer().status()).isEqualTo(CustomerStatus.ACTIVE);
        assertThat(resumed.event()).contains(new CustomerEvent.Resumed("cus-1", NOW));
    }

    @Test
    void aRepeatChangesNothingAndAnnouncesNothing() {
        Customer suspended = customer(CustomerStatus.SUSPENDED);

        Customer.Transition again = suspended.suspend(NOW);

        assertThat(again.outcome()).isEqualTo(Customer.Outcome.ALREADY);
        assertThat(again.customer()).isSameAs(suspended);
        assertThat(again.event()).isEmpty();
        assertThat(customer(CustomerStatus.ACTIVE).resume(NOW).outcome()).isEqualTo(Customer.Outcome.ALREADY);
    }

    @Test
    void aCustomerStillBeingOnboardedIsNeitherSuspendedNorResumed() {
        Customer provisioning = customer(CustomerStatus.PROVISIONING);

        assertThat(provisioning.suspend(NOW).outcome()).isEqualTo(Customer.Outcome.NOT_ALLOWED);
        assertThat(provisioning.resume(NOW).outcome()).isEqualTo(Customer.Outcome.NOT_ALLOWED);
        assertThat(provisioning.suspend(NOW).event()).isEmpty();
        assertThat(CustomerStatus.PROVISIONING.mayBeParent()).isFalse();
        assertThat(CustomerStatus.SUSPENDED.mayBeParent()).isTrue();
    }

    @Test
    void aPatchChangesThePatchableFieldsAndTheSearchKeyFollowsTheNames() {
        Customer patched = customer(CustomerStatus.ACTIVE).patched(new Customer.Patch("Tromsø Fiskeri AS", "EXT-9",
                new Address("Storgata 1", "Tromsø", null, "9008", "NO"), "RETAIL", "nb-NO", "vakt@tromso.no"));

        assertThat(patched.companyName()).isEqualTo("Tromsø Fiskeri AS");
        assertThat(patched.address().city()).isEqualTo("Tromsø");
        assertThat(patched.locale()).isEqualTo("nb-NO");
        assertThat(patched.accountName()).as("fixed at onboarding").isEqualTo("testbolag");
        assertThat(patched.status()).isEqualTo(CustomerStatus.ACTIVE);
        assertThat(patched.version()).as("the version it was decided on").isEqualTo(3L);
        assertThat(patched.searchKey()).isEqualTo("testbolag\ntromso fiskeri as\next-9\n");
    }

    @Test
    void searchesFoldCaseAndAccentsIncludingLettersWithoutADecomposition() {
        assertThat(SearchKey.fold("Fjällbacka Ærø ØSTERGÅRD Straße Łódź")).isEqualTo("fjallbacka aero ostergard strasse lodz");
        assertThat(SearchKey.of("a", null, "C")).isEqualTo("a\nc\n");
    }

    @Test
    void aCustomerWithoutAStoredVersionOrDomainsReadsAsVersionZeroWithNone() {
        Customer old = new Customer("cus-0", "nordic-it", CustomerStatus.ACTIVE, "old", "Old AB", null, null, null,
                null, null, null, null, null, null, null, NOW, NOW, null, null);

        assertThat(old.version()).isZero();
        assertThat(old.domains()).isEmpty();
    }

    private static Customer customer(CustomerStatus status) {
        return new Customer("cus-1", "nordic-it", status, "testbolag", "Testbolag Göteborg AB", "OIP-10042", null,
                new Address("Kungsgatan 12", "Göteborg", "Västra Götaland", "411 19", "SE"), "RETAIL", "STANDARD",
                "BASIC", "sv-SE", List.of("testbolag.se"), "driftlarm@testbolag.se", "testbolag.provisio.cloud",
                NOW.minusSeconds(3600), NOW.minusSeconds(1800), null, 3L);
    }
}
