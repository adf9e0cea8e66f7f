package io.provisio.subscription.contracts;

import java.util.stream.Stream;

import io.provisio.devstack.ContractFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every subscription message contract is pinned to its JSON fixture under {@code contracts/}. */
class SubscriptionContractsTest {

    static Stream<Class<?>> contracts() {
        return Stream.of(
                AssignPlans.class,
                PlansAssigned.class,
                PlansRejected.class,
                ReleasePlans.class,
                PlansReleased.class,
                ValidatePlans.class,
                SubscriptionActivated.class);
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void contractMatchesItsFixture(Class<?> contract) {
        ContractFixtures.assertPinned(contract, "/contracts/" + contract.getSimpleName() + ".json");
    }
}
