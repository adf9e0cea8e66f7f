package io.provisio.notification.email.messaging;

import java.time.Clock;
import java.util.function.Consumer;

import io.provisio.notification.email.persistence.NotificationStore;
import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.SagaParticipant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    @Bean
    WelcomeEmailStep welcomeEmailStep(SagaParticipant participant, MessageCodec codec, NotificationStore store,
                                      Clock clock) {
        return new WelcomeEmailStep(participant, codec, store, clock);
    }

    /** Bound to {@code notification-commands} (application.yml). */
    @Bean
    Consumer<Message<byte[]>> notificationCommands(MessageCodec codec, WelcomeEmailStep step) {
        return new EnvelopeHandler(codec, step::handle);
    }
}
