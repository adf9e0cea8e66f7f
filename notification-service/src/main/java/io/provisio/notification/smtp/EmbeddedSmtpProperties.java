package io.provisio.notification.smtp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled start the sink; only for the local run, never in production
 * @param port    where it listens on localhost; {@code spring.mail.port} must point here
 */
@ConfigurationProperties("provisio.notification.embedded-smtp")
record EmbeddedSmtpProperties(@DefaultValue("false") boolean enabled, @DefaultValue("3025") int port) {
}
