package io.provisio.identity.contracts;

import java.util.stream.Stream;

import io.provisio.devstack.ContractFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every identity message contract is pinned to its JSON fixture under {@code contracts/}. */
class IdentityContractsTest {

    static Stream<Class<?>> contracts() {
        return Stream.of(
                CreateAdministrator.class,
                AdministratorCreated.class,
                AdministratorRejected.class,
                DeleteAdministrator.class,
                AdministratorDeleted.class,
                ValidateAdministrator.class,
                UserCreated.class,
                UserDeleted.class,
                ActivationLinkRequested.class);
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void contractMatchesItsFixture(Class<?> contract) {
        ContractFixtures.assertPinned(contract, "/contracts/" + contract.getSimpleName() + ".json");
    }
}
