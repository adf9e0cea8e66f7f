package io.provisio.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.provisio.gateway.config.GatewayProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * How a budget maps onto Spring Cloud Gateway's Redis token bucket, against the Redis on this machine: the limit
 * per key and period is let through and the next call refused, with the same remaining counts as the local
 * budget; a budget per second is refilled every second; a period that is not whole seconds cannot be expressed
 * and is refused at start.
 */
class SharedRateBudgetTest {

    private static final String REDIS = System.getProperty("provisio.test.redis-uri", "redis://127.0.0.1:6379");
    private static final String KEY_PREFIX = "provisio-gateway-test-" + UUID.randomUUID();

    private static LettuceConnectionFactory connections;
    private static ReactiveStringRedisTemplate redis;

    @BeforeAll
    static void connect() {
        RedisConfiguration where = LettuceConnectionFactory.createRedisConfiguration(REDIS);
        connections = new LettuceConnectionFactory(where);
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
    }

    @AfterAll
    static void deleteKeysAndDisconnect() {
        List<String> keys = redis.scan(ScanOptions.scanOptions().match("request_rate_limiter.{" + KEY_PREFIX + ".*").build())
                .collectList().block(Duration.ofSeconds(10));
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys.toArray(String[]::new)).block(Duration.ofSeconds(10));
        }
        connections.destroy();
    }

    @Test
    void countsEveryCallOfAKeyAndNoOtherKeys() {
        // An hour's budget: no refill while the test runs, so every count is exact.
        SharedRateBudget budget = budget(new GatewayProperties.Address(5, Duration.ofHours(1)));

        for (int remaining = 4; remaining >= 0; remaining--) {
            assertThat(budget.tryAcquire("198.51.100.7").block()).isEqualTo(new RateBudget.Permit(true, remaining));
        }
        assertThat(budget.tryAcquire("198.51.100.7").block()).isEqualTo(new RateBudget.Permit(false, 0));
        assertThat(budget.tryAcquire("198.51.100.8").block()).isEqualTo(new RateBudget.Permit(true, 4));
    }

    @Test
    void refillsABudgetPerSecondEverySecond() {
        SharedRateBudget budget = budget(new GatewayProperties.Address(1, Duration.ofSeconds(1)));

        // Which call meets Redis's next second is not ours to choose: wait for a refusal, then for the refill.
        await().atMost(Duration.ofSeconds(5)).until(() -> !budget.tryAcquire("198.51.100.9").block().allowed());
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.tryAcquire("198.51.100.9").block().allowed());
    }

    @Test
    void refusesPeriodsOfPartSeconds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> budget(new GatewayProperties.Address(5, Duration.ofMillis(1500))))
                .withMessageContaining("whole seconds");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SharedRateBudget budget(GatewayProperties.Budget limits) {
        RedisScript<List<Long>> script = (RedisScript) RedisScript.of(
                new ClassPathResource("META-INF/scripts/request_rate_limiter.lua"), List.class);
        ConfigurationService configurations = new ConfigurationService(new DefaultListableBeanFactory(),
                DefaultConversionService::new, LocalValidatorFactoryBean::new);
        return new SharedRateBudget(KEY_PREFIX + ".address", new LocalRateBudget("address", limits, 100), redis, script,
                configurations, new SharedBudgetOutages(new SimpleMeterRegistry()));
    }
}
