package io.provisio.notification.smtp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("provisio.notification.embedded-smtp.enabled")
@EnableConfigurationProperties(EmbeddedSmtpProperties.class)
class EmbeddedSmtpConfiguration {

    @Bean
    EmbeddedSmtpServer embeddedSmtpServer(EmbeddedSmtpProperties properties) {
        return new EmbeddedSmtpServer(properties.port());
    }
}
