package io.provisio.notification.contracts;

import java.util.stream.Stream;

import io.provisio.devstack.ContractFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every notification message contract is pinned to its JSON fixture under {@code contracts/}. */
class NotificationContractsTest {

    static Stream<Class<?>> contracts() {
        return Stream.of(
                ScheduleWelcomeEmail.class,
                WelcomeEmailScheduled.class,
                WelcomeEmailRejected.class,
                CancelWelcomeEmail.class,
                WelcomeEmailCancelled.class,
                ScheduleActivationEmail.class);
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void contractMatchesItsFixture(Class<?> contract) {
        ContractFixtures.assertPinned(contract, "/contracts/" + contract.getSimpleName() + ".json");
    }
}
