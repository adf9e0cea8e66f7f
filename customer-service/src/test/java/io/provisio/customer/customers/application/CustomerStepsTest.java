package io.provisio.customer.customers.application;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.provisio.customer.contracts.ActivateCustomer;
import io.provisio.customer.contracts.CustomerActivated;
import io.provisio.customer.contracts.CustomerActivationRejected;
import io.provisio.customer.customers.store.CustomerStore;
import io.provisio.platform.participant.StepResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** ACTIVATE_CUSTOMER's two outcomes, each with its own reply type (ADR 020); the store is the only collaborator. */
class CustomerStepsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");

    private final CustomerStore customers = mock(CustomerStore.class);
    private final CustomerSteps steps = new CustomerSteps(customers, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void activatesAProvisioningCustomer() {
        given(customers.activate("nordic-it", "cus-1")).willReturn(true);

        StepResult result = steps.activate("nordic-it", new ActivateCustomer("cus-1"));

        assertThat(result).isEqualTo(new StepResult.Succeeded("CustomerActivated", new CustomerActivated("cus-1", NOW)));
    }

    @Test
    void rejectsActivatingACustomerDeletedMeanwhileWithAnActivationRejection() {
        given(customers.activate("nordic-it", "cus-1")).willReturn(false);

        StepResult result = steps.activate("nordic-it", new ActivateCustomer("cus-1"));

        assertThat(result).isInstanceOf(StepResult.Rejected.class);
        assertThat(result.replyType()).isEqualTo("CustomerActivationRejected");
        assertThat(result.payload()).isEqualTo(new CustomerActivationRejected("CUSTOMER_NOT_FOUND",
                "customer cus-1 no longer exists"));
    }
}
