package io.provisio.notification.messaging;

import java.util.function.Consumer;

import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.identity.contracts.IdentityMessages;
import io.provisio.notification.contracts.NotificationMessages;
import io.provisio.platform.messaging.Decoding;
import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.subscription.contracts.SubscriptionMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * One consumer per channel, each decoding through its contracts' registry (ADR 020) and handing the record to its
 * handler. Commands of an unknown type are poison; events of an unknown type are a newer provider's and ignored.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    /** Bound to {@code notification-commands} (application.yml); queue notification-commands.notification-service. */
    @Bean
    Consumer<Message<byte[]>> notificationCommands(MessageCodec codec, NotificationCommandHandler handler) {
        return new EnvelopeHandler(codec, Decoding.strictly(codec, NotificationMessages.COMMANDS, handler::handle));
    }

    /** Bound to {@code customer-events}; queue customer-events.notification-service. */
    @Bean
    Consumer<Message<byte[]>> customerEvents(MessageCodec codec, CustomerEventHandler handler) {
        return new EnvelopeHandler(codec, Decoding.tolerantly(codec, CustomerMessages.EVENTS, handler::handle));
    }

    /** Bound to {@code subscription-events}; queue subscription-events.notification-service. */
    @Bean
    Consumer<Message<byte[]>> subscriptionEvents(MessageCodec codec, SubscriptionEventHandler handler) {
        return new EnvelopeHandler(codec, Decoding.tolerantly(codec, SubscriptionMessages.EVENTS, handler::handle));
    }

    /** Bound to {@code identity-events}; queue identity-events.notification-service. */
    @Bean
    Consumer<Message<byte[]>> identityEvents(MessageCodec codec, IdentityEventHandler handler) {
        return new EnvelopeHandler(codec, Decoding.tolerantly(codec, IdentityMessages.EVENTS, handler::handle));
    }
}
