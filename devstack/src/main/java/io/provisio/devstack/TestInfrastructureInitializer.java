package io.provisio.devstack;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the resolved infrastructure and at this JVM's own message
 * namespace, so tests never share queues with the local run or with an earlier test run.
 * Use it with {@code @ContextConfiguration(initializers = TestInfrastructureInitializer.class)}.
 */
public final class TestInfrastructureInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("provisio-test-infrastructure",
                Map.of(
                        "spring.rabbitmq.addresses", Infrastructure.rabbitUri(),
                        "spring.mongodb.uri", Infrastructure.mongoUri(),
                        "provisio.messaging.namespace", TestNamespace.current())));
    }
}
