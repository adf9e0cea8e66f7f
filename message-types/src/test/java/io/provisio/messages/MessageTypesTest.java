package io.provisio.messages;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTypesTest {

    sealed interface Message permits Command, Reply {
    }

    sealed interface Command extends Message permits Start, Stop {
    }

    record Start(String id) implements Command {
    }

    record Stop(String id) implements Command {
    }

    record Reply(String id) implements Message {
    }

    sealed interface Mixed permits Fine, Other {
    }

    record Fine(String id) implements Mixed {
    }

    static final class Other implements Mixed {
    }

    @Test
    void registersEveryRecordOfTheSealedHierarchyUnderItsSimpleName() {
        MessageTypes<Message> types = MessageTypes.of(Message.class);

        assertThat(types.byName()).containsOnlyKeys("Reply", "Start", "Stop");
        assertThat(types.classOf("Stop")).contains(Stop.class);
        assertThat(types.nameOf(new Start("1"))).isEqualTo("Start");
        assertThat(types.knows("Pause")).isFalse();
        assertThat(types.classOf(null)).isEmpty();
    }

    @Test
    void aSubHierarchyKnowsOnlyItsOwnRecords() {
        MessageTypes<Command> commands = MessageTypes.of(Command.class);

        assertThat(commands.byName()).containsOnlyKeys("Start", "Stop");
        assertThatThrownBy(() -> commands.nameOf(Reply.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUnionKnowsEveryPart() {
        MessageTypes<Object> union = MessageTypes.union(MessageTypes.of(Command.class), MessageTypes.of(Reply.class));

        assertThat(union.byName()).containsOnlyKeys("Reply", "Start", "Stop");
        assertThat(union.nameOf(new Reply("r"))).isEqualTo("Reply");
    }

    @Test
    void refusesAHierarchyWithSomethingElseThanRecords() {
        assertThatThrownBy(() -> MessageTypes.of(Mixed.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Other");
    }

    @Test
    void refusesTwoRecordsUnderOneName() {
        assertThatThrownBy(() -> MessageTypes.union(MessageTypes.of(Start.class), MessageTypes.of(Nested.Start.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wire name Start");
    }

    static final class Nested {
        record Start(String id) {
        }
    }
}
