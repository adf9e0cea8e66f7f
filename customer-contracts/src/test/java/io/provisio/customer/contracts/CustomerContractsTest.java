package io.provisio.customer.contracts;

import java.util.stream.Stream;

import io.provisio.devstack.ContractFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every customer message contract is pinned to its JSON fixture under {@code contracts/}. */
class CustomerContractsTest {

    static Stream<Class<?>> contracts() {
        return Stream.of(
                RegisterCustomer.class,
                CustomerRegistered.class,
                CustomerRegistrationRejected.class,
                DeleteCustomer.class,
                CustomerDeleted.class,
                ActivateCustomer.class,
                CustomerActivated.class,
                CustomerSuspended.class,
                CustomerResumed.class,
                OnboardingCompleted.class,
                DryRunFinding.class,
                DryRunReport.class);
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void contractMatchesItsFixture(Class<?> contract) {
        ContractFixtures.assertPinned(contract, "/contracts/" + contract.getSimpleName() + ".json");
    }
}
