package io.provisio.subscription.contracts;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.provisio.devstack.ContractFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every subscription message contract is pinned to its JSON fixture under {@code contracts/}, and every wire name to
 * {@code contracts/message-types.json} (ADR 020). */
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

    @Test
    void wireNamesArePinned() {
        ContractFixtures.assertWireNames(SubscriptionMessages.ALL, "/contracts/message-types.json");
    }

    @Test
    void everyMessageIsACommandAReplyOrAnEvent() {
        Map<String, Class<?>> kinds = new TreeMap<>();
        Stream.of(SubscriptionMessages.COMMANDS, SubscriptionMessages.REPLIES, SubscriptionMessages.EVENTS)
                .forEach(kind -> kinds.putAll(kind.byName()));
        assertThat(kinds).isEqualTo(new TreeMap<>(SubscriptionMessages.ALL.byName()));
    }

    @Test
    void everyMessageHasAFixture() {
        assertThat(SubscriptionMessages.ALL.byName().values()).allSatisfy(type -> assertThat(contracts()).contains(type));
    }
}
