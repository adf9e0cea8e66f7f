package io.provisio.identity.contracts;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.provisio.devstack.ContractFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every identity message contract is pinned to its JSON fixture under {@code contracts/}, and every wire name to
 * {@code contracts/message-types.json} (ADR 020). */
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

    @Test
    void wireNamesArePinned() {
        ContractFixtures.assertWireNames(IdentityMessages.ALL, "/contracts/message-types.json");
    }

    @Test
    void everyMessageIsACommandAReplyOrAnEvent() {
        Map<String, Class<?>> kinds = new TreeMap<>();
        Stream.of(IdentityMessages.COMMANDS, IdentityMessages.REPLIES, IdentityMessages.EVENTS)
                .forEach(kind -> kinds.putAll(kind.byName()));
        assertThat(kinds).isEqualTo(new TreeMap<>(IdentityMessages.ALL.byName()));
    }

    @Test
    void everyMessageHasAFixture() {
        assertThat(IdentityMessages.ALL.byName().values()).allSatisfy(type -> assertThat(contracts()).contains(type));
    }
}
