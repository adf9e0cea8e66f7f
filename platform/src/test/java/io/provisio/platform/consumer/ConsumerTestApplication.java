package io.provisio.platform.consumer;

import java.util.function.Consumer;

import io.provisio.platform.messaging.EnvelopeHandler;
import io.provisio.platform.messaging.MessageCodec;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * The platform with two consumer bindings, as a service has them ({@link ConsumerTest} binds them):
 * {@code steady} with the platform's default retries, {@code quick} with short ones.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ConsumerTestApplication {

    @Bean(destroyMethod = "close")
    FragileMongo fragileMongo() {
        return new FragileMongo();
    }

    @Bean
    TestConsumers testConsumers(FragileMongo store) {
        return new TestConsumers(store);
    }

    @Bean
    Consumer<Message<byte[]>> steady(MessageCodec codec, TestConsumers consumers) {
        return new EnvelopeHandler(codec, consumers::handle);
    }

    @Bean
    Consumer<Message<byte[]>> quick(MessageCodec codec, TestConsumers consumers) {
        return new EnvelopeHandler(codec, consumers::handle);
    }
}
