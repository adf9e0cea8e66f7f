package io.provisio.customer.onboarding.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.provisio.customer.LeaveNoQueues;
import io.provisio.customer.onboarding.application.BatchKeyTakenException;
import io.provisio.customer.onboarding.application.BatchRepository;
import io.provisio.customer.onboarding.application.BatchRepository.Lease;
import io.provisio.customer.onboarding.application.IdempotencyKey;
import io.provisio.customer.onboarding.domain.Batch;
import io.provisio.customer.onboarding.domain.BatchRow;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.customer.onboarding.domain.OnboardingRequest.Address;
import io.provisio.customer.onboarding.domain.OnboardingRequest.Administrator;
import io.provisio.customer.onboarding.domain.OnboardingRequest.Contact;
import io.provisio.customer.onboarding.domain.OnboardingRequest.Customer;
import io.provisio.customer.onboarding.domain.OnboardingRequest.Plan;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.devstack.TestInfrastructureInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The batch store's guarantees the pacer relies on. The test contexts' own pacers work on the same store (as other
 * replicas would); these tests lease with instants a day ahead, so that the pacers' leases have long run out for them
 * and theirs, in turn, stop the pacers. The batches' one row is running already, so no pacer starts anything.
 */
@SpringBootTest
@AutoConfigureMockMvc // not used here: it lets this class share the other ITs' application context
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class MongoBatchRepositoryIT {

    private static final Instant T = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    BatchRepository batches;

    @Test
    void aLeaseIsKeptByItsOwnerRefusedToOthersUntilItRunsOutThenTakenOver() {
        Batch batch = running("lease");
        batches.insert(batch, null);

        assertThat(batches.lease(batch.id(), "replica-a", T, T.plus(LEASE))).isEqualTo(Lease.TAKEN);
        assertThat(batches.lease(batch.id(), "replica-a", T.plusSeconds(1), T.plusSeconds(1).plus(LEASE)))
                .isEqualTo(Lease.KEPT);
        assertThat(batches.lease(batch.id(), "replica-b", T.plusSeconds(2), T.plusSeconds(2).plus(LEASE)))
                .isEqualTo(Lease.REFUSED);
        Instant later = T.plusSeconds(1).plus(LEASE).plusSeconds(1);
        assertThat(batches.lease(batch.id(), "replica-b", later, later.plus(LEASE))).isEqualTo(Lease.TAKEN);
        assertThat(batches.lease(batch.id(), "replica-a", later.plusSeconds(1), later.plusSeconds(1).plus(LEASE)))
                .isEqualTo(Lease.REFUSED);
        assertThat(batches.queued(1000)).extracting(BatchRepository.Queued::batchId).contains(batch.id());
    }

    @Test
    void storesChangedRowsAndTheEndInOneWriteThenLeavesTheQueue() {
        Batch batch = running("close");
        batches.insert(batch, null);
        BatchRow completed = batch.rows().getFirst().started("onb-" + batch.id(), OnboardingStatus.COMPLETED);

        batches.update(batch.with(completed).closed(T), List.of(completed));

        Batch stored = batches.find(batch.partnerId(), batch.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(Batch.Status.DONE);
        assertThat(stored.finishedAt()).isEqualTo(T);
        assertThat(stored.rows().getFirst().status()).isEqualTo(BatchRow.Status.COMPLETED);
        assertThat(stored.rows().getFirst().request()).isEqualTo(batch.rows().getFirst().request());
        assertThat(batches.queued(1000)).extracting(BatchRepository.Queued::batchId).doesNotContain(batch.id());
        assertThat(batches.lease(batch.id(), "replica-a", T, T.plus(LEASE))).isEqualTo(Lease.REFUSED);
        assertThat(batches.find("another-partner", batch.id())).isEmpty();
    }

    @Test
    void oneBatchPerPartnerAndIdempotencyKeyAndTheLoserLeavesNoQueueEntry() {
        Batch first = running("key");
        Batch second = running("key");
        IdempotencyKey key = new IdempotencyKey("key-" + UUID.randomUUID(), "hmac-sha256:00", "00");
        batches.insert(first, key);

        assertThatExceptionOfType(BatchKeyTakenException.class)
                .isThrownBy(() -> batches.insert(new Batch(second.id(), first.partnerId(), second.createdAt(), true,
                        null, second.rows()), key));

        assertThat(batches.findByIdempotencyKey(first.partnerId(), key.key())).get()
                .satisfies(keyed -> {
                    assertThat(keyed.batch().id()).isEqualTo(first.id());
                    assertThat(keyed.requestDigest()).isEqualTo("hmac-sha256:00");
                });
        assertThat(batches.queued(1000)).extracting(BatchRepository.Queued::batchId).doesNotContain(second.id());
    }

    /** An open batch whose one row is running already (its onboarding unknown here), so no pacer starts a row. */
    private static Batch running(String word) {
        String id = "bat-" + word + "-" + UUID.randomUUID();
        OnboardingRequest request = new OnboardingRequest(
                new Customer(word + "-ab", "Testbolag AB", null, null,
                        new Address("Kungsgatan 12", "Göteborg", null, "411 19", "SE"), "RETAIL", null, null,
                        "sv-SE", List.of(word + ".se"), null, null),
                new Administrator("bengt", "Bengt", "Testsson", "Bengt Testsson", "bengt@testbolag.se", null, null,
                        null, null),
                List.of(new Contact("SITE_ADMIN", "Åsa Öberg", "asa@testbolag.se", null)),
                List.of(new Plan("CUSTOMER-PORTAL", 1, java.time.LocalDate.parse("2027-01-01"))), true,
                new OnboardingRequest.WelcomeEmail(null, "sv", "Nordic IT"));
        BatchRow row = BatchRow.queued(0, request, "hmac-sha256:ff").started("onb-unknown-" + id,
                OnboardingStatus.IN_PROGRESS);
        return Batch.create(id, "batch-store-partner-" + UUID.randomUUID(), Instant.now(), List.of(row));
    }
}
