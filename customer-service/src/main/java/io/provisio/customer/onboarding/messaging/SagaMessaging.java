package io.provisio.customer.onboarding.messaging;

import java.util.function.Consumer;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.platform.messaging.Decoding;
import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.LocalChannel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binds {@code saga-replies} (group customer-service) to the saga, decoded through {@link SagaMessages#REPLIES}. */
@Configuration(proxyBeanMethods = false)
class SagaMessaging {

    @Bean
    Consumer<Message<byte[]>> sagaReplies(MessageCodec codec, ReplyTranslator replies) {
        return new EnvelopeHandler(codec, Decoding.strictly(codec, SagaMessages.REPLIES, replies::handle));
    }

    /** The customer participant's replies are written in this very process: they need not cross the broker. */
    @Bean
    LocalChannel sagaRepliesHere(MessageCodec codec, ReplyTranslator replies) {
        return new LocalChannel(CustomerChannels.SAGA_REPLIES,
                Decoding.strictly(codec, SagaMessages.REPLIES, replies::handle));
    }
}
