package io.provisio.customer.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.provisio.devstack.ContractFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every customer message contract is pinned to its JSON fixture under {@code contracts/}, and every wire name to
 * {@code contracts/message-types.json} (ADR 020). */
class CustomerContractsTest {

    static Stream<Class<?>> contracts() {
        return Stream.of(
                RegisterCustomer.class,
                CustomerRegistered.class,
                CustomerRegistrationRejected.class,
                DeleteCustomer.class,
                CustomerDeleted.class,
                ActivateCustomer.class,
                CompleteSetup.class,
                RecordSetupEscalation.class,
                CheckSubdomain.class,
                ClaimSubdomain.class,
                SubdomainAvailability.class,
                SubdomainClaimed.class,
                SubdomainTaken.class,
                CustomerActivated.class,
                CustomerActivationRejected.class,
                CustomerSuspended.class,
                CustomerResumed.class,
                OnboardingCompleted.class,
                OnboardingFailed.class,
                DryRunFinding.class,
                DryRunReport.class);
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void contractMatchesItsFixture(Class<?> contract) {
        ContractFixtures.assertPinned(contract, "/contracts/" + contract.getSimpleName() + ".json");
    }

    @Test
    void wireNamesArePinned() {
        ContractFixtures.assertWireNames(CustomerMessages.ALL, "/contracts/message-types.json");
    }

    @Test
    void everyMessageIsACommandAReplyOrAnEvent() {
        Map<String, Class<?>> kinds = new TreeMap<>();
        Stream.of(CustomerMessages.COMMANDS, CustomerMessages.REPLIES, CustomerMessages.EVENTS,
                        CustomerMessages.DRY_RUN_REPLIES, CustomerMessages.SUBDOMAIN_ANSWERS)
                .forEach(kind -> kinds.putAll(kind.byName()));
        assertThat(kinds).isEqualTo(new TreeMap<>(CustomerMessages.ALL.byName()));
    }

    @Test
    void everyMessageHasAFixture() {
        assertThat(CustomerMessages.ALL.byName().values()).allSatisfy(type -> assertThat(contracts()).contains(type));
    }

    @Test
    void aSubdomainQuestionWithoutCustomerOrWithANameTheRuleRefusesDoesNotDecode() {
        assertThatThrownBy(() -> new ClaimSubdomain(null, "testbolag")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClaimSubdomain("c-1", "Testbolag")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckSubdomain("c-1", "-testbolag")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckSubdomain("c-1", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ClaimSubdomain("c-1", "testbolag-2").name()).isEqualTo("testbolag-2");
    }

    @Test
    void aStatusChangeWithoutCustomerOrInstantDoesNotDecode() {
        assertThatThrownBy(() -> new CustomerSuspended(null, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerResumed(" ", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerResumed("c-1", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
