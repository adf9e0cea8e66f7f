package io.provisio.subscription.user.messaging;

import java.util.function.Consumer;

import io.provisio.identity.contracts.IdentityMessages;
import io.provisio.platform.messaging.Decoding;
import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MessageCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code identityEvents-in-0} reads {@code identity-events}; queue {@code identity-events.subscription-service}. */
@Configuration(proxyBeanMethods = false)
class IdentityEventsMessaging {

    @Bean
    Consumer<Message<byte[]>> identityEvents(MessageCodec codec, IdentityEventsHandler handler) {
        return new EnvelopeHandler(codec, Decoding.tolerantly(codec, IdentityMessages.EVENTS, handler::handle));
    }
}
