package io.provisio.identity.user.messaging;

import java.util.function.Consumer;

import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.identity.contracts.IdentityMessages;
import io.provisio.platform.messaging.Decoding;
import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MessageCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binds the {@code identity-commands} and {@code customer-events} channels to their handlers. */
@Configuration(proxyBeanMethods = false)
class IdentityCommandsConfiguration {

    @Bean
    Consumer<Message<byte[]>> identityCommands(MessageCodec codec, IdentityCommandHandler handler) {
        return new EnvelopeHandler(codec, Decoding.strictly(codec, IdentityMessages.COMMANDS, handler::handle));
    }

    /** {@code customer-events} (binding {@code customerEvents-in-0}): suspensions and resumptions. */
    @Bean
    Consumer<Message<byte[]>> customerEvents(MessageCodec codec, CustomerEventHandler handler) {
        return new EnvelopeHandler(codec, Decoding.tolerantly(codec, CustomerMessages.EVENTS, handler::handle));
    }
}
