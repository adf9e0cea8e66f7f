package io.provisio.subscription.assignment.messaging;

import java.util.function.Consumer;

import io.provisio.platform.messaging.Decoding;
import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.subscription.contracts.SubscriptionMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code subscriptionCommands-in-0} reads the {@code subscription-commands} channel. */
@Configuration(proxyBeanMethods = false)
class SubscriptionMessaging {

    @Bean
    Consumer<Message<byte[]>> subscriptionCommands(MessageCodec codec, SubscriptionCommandHandler handler) {
        return new EnvelopeHandler(codec, Decoding.strictly(codec, SubscriptionMessages.COMMANDS, handler::handle));
    }
}
