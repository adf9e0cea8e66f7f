package io.provisio.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param namespace prefix of every exchange and queue this deployment declares; empty in production,
 *                  a random one per test run so tests never consume another run's messages
 */
@ConfigurationProperties("provisio.messaging")
public record MessagingProperties(@DefaultValue("") String namespace) {
}
