package io.provisio.identity.user.messaging;

import java.util.function.Consumer;

import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MessageCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binds the {@code identity-commands} channel (binding {@code identityCommands-in-0}) to the handler. */
@Configuration(proxyBeanMethods = false)
class IdentityCommandsConfiguration {

    @Bean
    Consumer<Message<byte[]>> identityCommands(MessageCodec codec, IdentityCommandHandler handler) {
        return new EnvelopeHandler(codec, handler::handle);
    }
}
