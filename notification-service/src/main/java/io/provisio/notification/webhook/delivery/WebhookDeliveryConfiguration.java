package io.provisio.notification.webhook.delivery;

import java.time.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.notification.webhook.application.WebhookProperties;
import io.provisio.notification.webhook.domain.TargetGuard;
import io.provisio.notification.webhook.persistence.DeliveryClaims;
import io.provisio.notification.webhook.persistence.DeliveryStore;
import io.provisio.notification.webhook.persistence.EndpointStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookDeliveryConfiguration {

    @Bean
    TargetGuard webhookTargetGuard(WebhookProperties properties) {
        return new TargetGuard(properties.allowPrivateTargets());
    }

    @Bean
    WebhookDispatcher webhookDispatcher(DeliveryClaims claims, EndpointStore endpoints, TargetGuard guard,
                                        WebhookProperties properties, Clock clock, MeterRegistry meters) {
        return new WebhookDispatcher(claims, endpoints, guard, properties, clock, meters);
    }

    @Bean
    WebhookRetention webhookRetention(DeliveryStore store, WebhookProperties properties, Clock clock,
                                      MeterRegistry meters) {
        return new WebhookRetention(store, properties, clock, meters);
    }
}
