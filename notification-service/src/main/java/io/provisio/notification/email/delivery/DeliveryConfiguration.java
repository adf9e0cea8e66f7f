package io.provisio.notification.email.delivery;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.notification.email.application.SuspensionHolds;
import io.provisio.notification.email.persistence.DispatchClaims;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** The dispatcher and what it needs; the mail sender is Boot's, configured by {@code spring.mail.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

    /** The system property Jakarta Mail reads before it searches for a {@code StreamProvider}. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up through a new ServiceLoader for every MIME part it writes
        // and every header it encodes (jakartaee/mail-api#699, #861, open): under load a fifth of this
        // service's CPU went to scanning the nested jar for META-INF/services (docs/PERFORMANCE.md, run 8).
        // Named, the provider is a Class.forName that the class loader answers from its cache. Angus Mail's is
        // the one its services file names, so nothing else changes; an operator's own setting wins.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    @Bean
    MailRenderer mailRenderer(DeliveryProperties properties) {
        return new MailRenderer(properties.activationBaseUrl());
    }

    @Bean
    MailDispatcher mailDispatcher(DispatchClaims store, SuspensionHolds holds, MailRenderer renderer,
                                  JavaMailSender sender, DeliveryProperties properties, Clock clock,
                                  MeterRegistry meters) {
        return new MailDispatcher(store, holds, renderer, sender, properties, clock, meters);
    }
}
