package io.provisio.notification.contracts;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.provisio.devstack.ContractFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every notification message contract is pinned to its JSON fixture under {@code contracts/}, and every wire name to
 * {@code contracts/message-types.json} (ADR 020). */
class NotificationContractsTest {

    static Stream<Class<?>> contracts() {
        return Stream.of(
                ScheduleWelcomeEmail.class,
                WelcomeEmailScheduled.class,
                WelcomeEmailRejected.class,
                CancelWelcomeEmail.class,
                WelcomeEmailCancelled.class,
                ScheduleActivationEmail.class,
                ScheduleSetupEmails.class,
                EndSetupEmails.class,
                ScheduleStaffInvitationEmail.class);
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void contractMatchesItsFixture(Class<?> contract) {
        ContractFixtures.assertPinned(contract, "/contracts/" + contract.getSimpleName() + ".json");
    }

    @Test
    void wireNamesArePinned() {
        ContractFixtures.assertWireNames(NotificationMessages.ALL, "/contracts/message-types.json");
    }

    @Test
    void everyMessageIsACommandAReplyOrAnEvent() {
        Map<String, Class<?>> kinds = new TreeMap<>();
        Stream.of(NotificationMessages.COMMANDS, NotificationMessages.REPLIES)
                .forEach(kind -> kinds.putAll(kind.byName()));
        assertThat(kinds).isEqualTo(new TreeMap<>(NotificationMessages.ALL.byName()));
    }

    @Test
    void everyMessageHasAFixture() {
        assertThat(NotificationMessages.ALL.byName().values()).allSatisfy(type -> assertThat(contracts()).contains(type));
    }
}
