package io.provisio.notification.email.delivery;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.notification.email.persistence.NotificationStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** The dispatcher and what it needs; the mail sender is Boot's, configured by {@code spring.mail.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

    @Bean
    MailRenderer mailRenderer(DeliveryProperties properties) {
        return new MailRenderer(properties.activationBaseUrl());
    }

    @Bean
    MailDispatcher mailDispatcher(NotificationStore store, MailRenderer renderer, JavaMailSender sender,
                                  DeliveryProperties properties, Clock clock, MeterRegistry meters) {
        return new MailDispatcher(store, renderer, sender, properties, clock, meters);
    }
}
