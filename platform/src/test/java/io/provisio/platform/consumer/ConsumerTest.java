package io.provisio.platform.consumer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.provisio.devstack.TestInfrastructureInitializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link ConsumerTestApplication} against the real broker; every IT that uses exactly this shares one context.
 * {@code steady} keeps the platform's defaults (5 attempts over about 7.5 s); {@code quick} gives up after
 * 3 attempts within a few hundred ms. An outage is retried every 100 ms to 500 ms.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = ConsumerTestApplication.class, properties = {
        "spring.cloud.function.definition=steady;quick",
        "spring.cloud.stream.bindings.steady-in-0.destination=${provisio.messaging.namespace}" + ConsumerTest.STEADY,
        "spring.cloud.stream.bindings.quick-in-0.destination=${provisio.messaging.namespace}" + ConsumerTest.QUICK,
        "spring.cloud.stream.bindings.quick-in-0.consumer.max-attempts=3",
        "spring.cloud.stream.bindings.quick-in-0.consumer.back-off-initial-interval=50",
        "spring.cloud.stream.bindings.quick-in-0.consumer.back-off-max-interval=100",
        "provisio.messaging.outage-retry.initial-interval=100ms",
        "provisio.messaging.outage-retry.max-interval=500ms"})
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@AutoConfigureMockMvc
@ExtendWith(LeaveNoConsumerQueues.class)
public @interface ConsumerTest {

    /** Channels (exchanges) of the two bindings; queues are {@code <channel>.platform-test} and {@code .dlq}. */
    String STEADY = "consumer-steady";
    String QUICK = "consumer-quick";
    String GROUP = "platform-test";
}
