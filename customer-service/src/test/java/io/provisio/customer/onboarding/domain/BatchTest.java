package io.provisio.customer.onboarding.domain;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchTest {

    private static final OnboardingRequest REQUEST = Onboardings.swedishCustomerWithHostedExchange().request();

    @Test
    void startsQueuedRowsInOrderUpToTheWindowCountingTheRunningOnes() {
        Batch batch = Batch.create("bat-1", "nordic-it", Onboardings.T0, List.of(
                BatchRow.queued(0, REQUEST, "d0").started("onb-0", OnboardingStatus.IN_PROGRESS),
                BatchRow.invalid(1, "bad", List.of(new BatchRow.Problem("customer.companyName", "must not be blank"))),
                BatchRow.queued(2, REQUEST, "d2"),
                BatchRow.queued(3, REQUEST, "d3"),
                BatchRow.queued(4, REQUEST, "d4")));

        assertThat(batch.toStart(3)).extracting(BatchRow::index).containsExactly(2, 3);
        assertThat(batch.toStart(1)).isEmpty();
        assertThat(batch.with(batch.rows().getFirst().started("onb-0", OnboardingStatus.COMPLETED)).toStart(1))
                .extracting(BatchRow::index).containsExactly(2);
    }

    @Test
    void isDoneOnceThePacerRecordsThatEveryRowEndedWhateverTheOutcome() {
        Batch batch = Batch.create("bat-2", "nordic-it", Onboardings.T0, List.of(
                BatchRow.queued(0, REQUEST, "d0"),
                BatchRow.invalid(1, null, List.of(new BatchRow.Problem("", "is not an onboarding request")))));
        assertThat(batch.open()).isTrue();
        assertThat(batch.status()).isEqualTo(Batch.Status.RUNNING);

        Batch compensating = batch.with(batch.rows().getFirst().started("onb-0", OnboardingStatus.COMPENSATING));
        assertThat(compensating.ended()).isFalse();
        Batch ended = compensating.with(compensating.rows().getFirst().started("onb-0", OnboardingStatus.FAILED));
        assertThat(ended.ended()).isTrue();
        assertThat(ended.status()).as("until the pacer records it").isEqualTo(Batch.Status.RUNNING);
        Batch done = ended.closed(Onboardings.T0.plusSeconds(60));

        assertThat(done.status()).isEqualTo(Batch.Status.DONE);
        assertThat(done.finishedAt()).isEqualTo(Onboardings.T0.plusSeconds(60));
        assertThat(done.counts()).containsEntry(BatchRow.Status.FAILED, 1).containsEntry(BatchRow.Status.INVALID, 1)
                .containsEntry(BatchRow.Status.QUEUED, 0).hasSize(BatchRow.Status.values().length);
    }

    @Test
    void aBatchOfInvalidRowsIsClosedFromTheStart() {
        Batch batch = Batch.create("bat-3", "nordic-it", Onboardings.T0,
                List.of(BatchRow.invalid(0, "x", List.of(new BatchRow.Problem("customer", "must not be null")))));

        assertThat(batch.open()).isFalse();
        assertThat(batch.finishedAt()).isEqualTo(Onboardings.T0);
        assertThat(batch.status()).isEqualTo(Batch.Status.DONE);
    }

    @Test
    void aRejectedRowKeepsWhyAndStartsNothing() {
        BatchRow rejected = BatchRow.queued(0, REQUEST, "d0")
                .rejected(List.of(new BatchRow.Problem("customer.accountName", "is already in use")));

        assertThat(rejected.status().isFinal()).isTrue();
        assertThat(rejected.inFlight()).isFalse();
        assertThat(rejected.onboardingId()).isNull();
        assertThat(rejected.errors()).extracting(BatchRow.Problem::message).containsExactly("is already in use");
    }
}
