package io.provisio.platform.messaging;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.provisio.messages.MessageTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodingTest {

    sealed interface Command permits Start, Stop {
    }

    record Start(String id) implements Command {
    }

    record Stop(String id) implements Command {
    }

    private static final MessageTypes<Command> COMMANDS = MessageTypes.of(Command.class);

    private final MessageCodec codec = new MessageCodec(JsonMapper.builder().build(), Clock.systemUTC());
    private final List<Command> handled = new ArrayList<>();

    @Test
    void namesAMessageByItsRegistryAndDecodesItBackToItsRecord() {
        Envelope envelope = codec.command(COMMANDS, "saga-1", "STEP", "p1", "replies", null, new Stop("s-1"));

        Decoding.strictly(codec, COMMANDS, (e, command) -> handled.add(command)).accept(envelope);

        assertThat(envelope.type()).isEqualTo("Stop");
        assertThat(handled).containsExactly(new Stop("s-1"));
    }

    @Test
    void deadLettersATypeAStrictChannelDoesNotKnow() {
        Envelope unknown = codec.command("Pause", "saga-1", "STEP", "p1", "replies", null, new Stop("s-1"));

        assertThatThrownBy(() -> Decoding.strictly(codec, COMMANDS, (e, command) -> handled.add(command))
                .accept(unknown)).isInstanceOf(MalformedMessageException.class).hasMessageContaining("Pause");
        assertThat(handled).isEmpty();
    }

    @Test
    void ignoresATypeATolerantChannelDoesNotKnowButNotAPayloadThatDoesNotFit() {
        Decoding<Command> events = Decoding.tolerantly(codec, COMMANDS, (e, command) -> handled.add(command));

        events.accept(codec.event("SomethingNewer", "p1", null, new Stop("s-1")));
        assertThat(handled).isEmpty();

        Envelope misfit = codec.event("Start", "p1", null, List.of("not", "a", "start"));
        assertThatThrownBy(() -> events.accept(misfit)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void anEnvelopeWithoutPartnerCannotBeScoped() {
        Envelope anonymous = codec.event(COMMANDS, " ", null, new Start("x"));

        assertThatThrownBy(anonymous::requirePartner).isInstanceOf(MalformedMessageException.class);
        assertThat(codec.event(COMMANDS, "p1", null, new Start("x")).requirePartner()).isEqualTo("p1");
    }
}
