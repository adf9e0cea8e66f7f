package io.provisio.subscription.subscriptions.messaging;

import java.util.function.Consumer;

import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.platform.messaging.Decoding;
import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MessageCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code customerEvents-in-0} reads {@code customer-events}; queue {@code customer-events.subscription-service}. */
@Configuration(proxyBeanMethods = false)
class CustomerEventsMessaging {

    @Bean
    Consumer<Message<byte[]>> customerEvents(MessageCodec codec, CustomerEventsHandler handler) {
        return new EnvelopeHandler(codec, Decoding.tolerantly(codec, CustomerMessages.EVENTS, handler::handle));
    }
}
