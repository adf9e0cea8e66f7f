package io.provisio.customer.customers.messaging;

import java.util.function.Consumer;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.platform.messaging.Decoding;
import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.outbox.LocalChannel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code customerCommands-in-0} reads {@code customer-commands} (group customer-service). */
@Configuration(proxyBeanMethods = false)
class CustomerMessaging {

    @Bean
    Consumer<Message<byte[]>> customerCommands(MessageCodec codec, CustomerCommandHandler handler) {
        return new EnvelopeHandler(codec, Decoding.strictly(codec, CustomerMessages.COMMANDS, handler::handle));
    }

    /** The orchestrator sends these commands from this very process: they need not cross the broker. */
    @Bean
    LocalChannel customerCommandsHere(MessageCodec codec, CustomerCommandHandler handler) {
        return new LocalChannel(CustomerChannels.COMMANDS,
                Decoding.strictly(codec, CustomerMessages.COMMANDS, handler::handle));
    }
}
