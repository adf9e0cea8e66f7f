package io.provisio.platform.config;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.platform.messaging.retry.ConsumerOutages;
import io.provisio.platform.messaging.retry.ConsumerRetryCustomizer;
import io.provisio.platform.messaging.retry.OutageRetryProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;

/**
 * What happens when a consumer fails (ADR 010): outages are waited out, only poison is dead-lettered. Kept apart from
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
                                                                                 ConsumerOutages outages) {
        return new ConsumerRetryCustomizer(bindings, outages);
    }
}
