package io.provisio.platform.config;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.provisio.platform.messaging.DirectReplies;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.messaging.MessageTracing;
import io.provisio.platform.outbox.ConfirmingPublisher;
import io.provisio.platform.outbox.LocalChannel;
import io.provisio.platform.outbox.OutboxMetrics;
import io.provisio.platform.outbox.OutboxProperties;
import io.provisio.platform.outbox.OutboxPublisher;
import io.provisio.platform.outbox.OutboxRelay;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.observability.ConsumerQueueMetrics;
import io.provisio.platform.observability.RedeliveryCounter;
import io.provisio.platform.observability.MongoPingHealthIndicator;
import io.provisio.platform.participant.ParticipationProperties;
import io.provisio.platform.participant.ParticipationSweeper;
import io.provisio.platform.participant.SagaParticipant;
import io.provisio.platform.security.AuthorizationHeaders;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.security.PartnerSecurity;
import io.provisio.platform.security.StaffRoles;
import io.provisio.platform.security.PartnerTokens;
import io.provisio.platform.security.PublishedKeys;
import io.provisio.platform.security.VerifiedTokens;
import io.provisio.platform.security.ProblemSecurityHandlers;
import io.provisio.platform.security.SecurityProperties;
import io.provisio.platform.time.AdjustableClock;
import io.provisio.platform.time.TestClockEndpoint;
import io.provisio.platform.web.ProblemDetailsAdvice;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.integration.config.GlobalChannelInterceptor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/** The platform's beans, shared by every servlet service of the suite. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@EnableConfigurationProperties({OutboxProperties.class, SecurityProperties.class, MessagingProperties.class,
        ParticipationProperties.class})
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(org.springframework.core.env.Environment environment) {
        if (environment.getProperty("provisio.test-clock.enabled", Boolean.class, false)) {
            return new AdjustableClock(Clock.systemUTC());
        }
        return Clock.systemUTC();
    }

    /** Tests only: {@code /actuator/testclock} moves the service's clock forward. */
    @Bean
    @ConditionalOnProperty(name = "provisio.test-clock.enabled", havingValue = "true")
    TestClockEndpoint testClockEndpoint(Clock clock) {
        return new TestClockEndpoint((AdjustableClock) clock);
    }

    /** Spans around messages, from the tracing bridge's tracer and W3C propagator when tracing is on (ADR 016). */
    @Bean
    MessageTracing messageTracing(ObjectProvider<ObservationRegistry> observations, ObjectProvider<Tracer> tracer,
                                  ObjectProvider<Propagator> propagator) {
        return new MessageTracing(observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    MessageCodec messageCodec(JsonMapper json, Clock clock, MessageTracing tracing) {
        return new MessageCodec(json, clock, tracing);
    }

    @Bean
    ConfirmingPublisher confirmingPublisher(StreamBridge bridge, MessagingProperties messaging,
                                            OutboxProperties outbox, MessageTracing tracing) {
        return new ConfirmingPublisher(bridge, messaging.namespace(), outbox.confirmTimeout(), tracing);
    }

    @Bean
    DirectReplies directReplies(MessageCodec codec, ConfirmingPublisher publisher) {
        return new DirectReplies(codec, publisher);
    }

    @Bean
    OutboxCollection sagaParticipationsOutbox() {
        return new OutboxCollection(SagaParticipant.COLLECTION);
    }

    @Bean
    OutboxMetrics outboxMetrics(Clock clock, MeterRegistry meters) {
        return new OutboxMetrics(clock, meters);
    }

    @Bean
    OutboxPublisher outboxPublisher(MongoTemplate mongo, ConfirmingPublisher publisher, MessageCodec codec,
                                    ObjectProvider<LocalChannel> localChannels, OutboxMetrics metrics,
                                    OutboxProperties properties) {
        return new OutboxPublisher(mongo, publisher, codec, () -> localChannels.orderedStream().toList(), metrics,
                properties);
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, ConfirmingPublisher publisher,
                            ObjectProvider<OutboxCollection> collections, OutboxProperties properties, Clock clock,
                            OutboxMetrics metrics, MeterRegistry meters) {
        List<String> names = collections.orderedStream().map(OutboxCollection::name).distinct().toList();
        return new OutboxRelay(mongo, publisher, names, properties, clock, metrics, meters);
    }

    @Bean
    OutboxStore outboxStore(MongoTemplate mongo, MessageCodec codec, Clock clock, OutboxPublisher publisher) {
        return new OutboxStore(mongo, codec, clock, publisher);
    }

    @Bean
    SagaParticipant sagaParticipant(MongoTemplate mongo, OutboxStore outbox, MessageCodec codec, Clock clock,
                                    MeterRegistry meters) {
        return new SagaParticipant(mongo, outbox, codec, clock, meters);
    }

    @Bean
    ParticipationSweeper participationSweeper(MongoTemplate mongo, ParticipationProperties properties, Clock clock,
                                              MeterRegistry meters) {
        return new ParticipationSweeper(mongo, properties, clock, meters);
    }

    @Bean
    ConsumerQueueMetrics consumerQueueMetrics(BindingServiceProperties bindings,
                                              org.springframework.amqp.rabbit.connection.ConnectionFactory rabbit,
                                              MeterRegistry meters) {
        return new ConsumerQueueMetrics(bindings, new RabbitAdmin(rabbit), meters);
    }

    /** On every consumer binding's input channel ({@code <function>-in-<n>}). */
    @Bean
    @GlobalChannelInterceptor(patterns = "*-in-*")
    RedeliveryCounter redeliveryCounter(MeterRegistry meters) {
        return new RedeliveryCounter(meters);
    }

    /**
     * Without a reachable MongoDB a call fails after 5 s instead of the driver's 30 s: a request answers
     * 503 while the gateway still waits for it, and threads do not pile up during an outage.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer failFastWithoutMongo() {
        return settings -> settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS));
    }

    /** Replaces Boot's MongoDB health check, switched off in the platform defaults. */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    /** The servlet API side: problem+json, partner JWT security, the {@code PartnerId} parameter. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import({ProblemDetailsAdvice.class, PartnerWebConfiguration.class})
    static class PartnerApi {

        @Bean
        ProblemSecurityHandlers problemSecurityHandlers(JsonMapper json) {
            return new ProblemSecurityHandlers(json);
        }

        /**
         * Validates signature (against identity's published keys, {@link PublishedKeys}), expiry, issuer,
         * audience, and that the token names a partner; a token verified once is
         * trusted until it expires, for at most five minutes ({@link VerifiedTokens}).
         */
        @Bean
        @ConditionalOnMissingBean
        JwtDecoder jwtDecoder(SecurityProperties properties, Clock clock) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder
                    .withJwkSource(PublishedKeys.at(properties.jwkSetUri(), properties.jwkSetRefetchInterval()))
                    .build();
            decoder.setJwtValidator(PartnerTokens.validator(properties.issuer(), properties.audience()));
            return new VerifiedTokens(decoder, clock, Duration.ofMinutes(5), 10_000);
        }

        /**
         * No observation around every security filter: nobody reads them, and they cost more per request
         * than the handler of a GET. Requests are still timed ({@code http_server_requests}) and traced.
         */
        @Bean
        @ConditionalOnMissingBean
        SecurityObservationSettings securityObservationSettings() {
            return SecurityObservationSettings.noObservations();
        }

        /**
         * Spring's strict firewall, checking header values with a loop instead of a regular expression (the
         * same rule): the expression cost 5 % of a polled GET's CPU on the ~800-character bearer token.
         */
        @Bean
        @ConditionalOnMissingBean
        HttpFirewall httpFirewall() {
            return AuthorizationHeaders.firewall();
        }

        /**
         * The default API chain: operator endpoints need the {@code operator} scope, everything else
         * under {@code /api} the {@code onboarding} scope, and the partner's webhooks and staff a staff admin's or an
         * API client's token ({@link StaffRoles}). A service with other needs declares its own.
         */
        @Bean
        @ConditionalOnMissingBean(SecurityFilterChain.class)
        SecurityFilterChain partnerApiSecurity(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
            return PartnerSecurity.apply(http, problems)
                    .authorizeHttpRequests(a -> a
                            .requestMatchers("/actuator/**").permitAll()
                            .requestMatchers("/api/v1/operator/**").hasAuthority("SCOPE_operator")
                            .requestMatchers(StaffRoles.ADMIN_PATHS.toArray(String[]::new))
                            .access(StaffRoles.partnerAdmin())
                            .requestMatchers("/api/**").hasAuthority("SCOPE_onboarding")
                            .anyRequest().denyAll())
                    .build();
        }
    }
}
