package io.provisio.platform.config;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.platform.deadletter.DeadLetterQueues;
import io.provisio.platform.deadletter.DeadLetters;
import io.provisio.platform.deadletter.OperatorDeadLetterApi;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.messaging.retry.ConsumerOutages;
import io.provisio.platform.messaging.retry.ConsumerRetryCustomizer;
import io.provisio.platform.messaging.retry.OutageRetryProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;

/**
 * What happens when a consumer fails (ADR 010): outages are waited out, only poison is dead-lettered, and
 * every servlet service serves its own dead letters to operators. Kept apart from
 * {@link PlatformAutoConfiguration} so the two evolve independently.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@EnableConfigurationProperties(OutageRetryProperties.class)
public class ConsumerFailureAutoConfiguration {

    @Bean
    ConsumerOutages consumerOutages(OutageRetryProperties properties, MeterRegistry meters, Clock clock) {
        return new ConsumerOutages(properties, meters, clock);
    }

    /** Picked up by the RabbitMQ binder (its configuration takes one such customizer from the application). */
    @Bean
    ConsumerEndpointCustomizer<AmqpInboundChannelAdapter> consumerRetryCustomizer(BindingServiceProperties bindings,
                                                                                 ConsumerOutages outages,
                                                                                 MeterRegistry meters) {
        return new ConsumerRetryCustomizer(bindings, outages, meters);
    }

    @Bean
    DeadLetterQueues deadLetterQueues(BindingServiceProperties bindings) {
        return new DeadLetterQueues(bindings);
    }

    @Bean
    DeadLetters deadLetters(ConnectionFactory rabbit, MessageCodec codec) {
        return new DeadLetters(rabbit, codec);
    }

    /** {@code /api/v1/operator/dead-letters}, behind each service's operator rule. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(OperatorDeadLetterApi.class)
    static class DeadLetterApi {
    }
}
