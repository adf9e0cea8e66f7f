package io.provisio.gateway.ratelimit;

import java.util.List;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.StringUtils;

/**
 * Where the budgets are kept: shared by every replica in Redis when {@code spring.data.redis.url} ({@code REDIS_URI})
 * is set, else by each replica alone, in memory, as before there was Redis. Without the URL nothing touches Redis:
 * Boot's connection factory exists (the starter is on the class path) but connects only when first used, and its
 * health indicator is off (application.yml), so a gateway without Redis neither connects to one nor reports one
 * down.
 */
@Configuration(proxyBeanMethods = false)
class RateBudgetConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateBudgetConfiguration.class);

    @Bean
    RateBudgets rateBudgets(GatewayProperties gateway, DataRedisProperties redis,
            ObjectProvider<ReactiveStringRedisTemplate> templates,
            @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) ObjectProvider<RedisScript<List<Long>>> script,
            ObjectProvider<ConfigurationService> configurations, MeterRegistry meters) {
        GatewayProperties.RateLimit limits = gateway.rateLimit();
        if (!StringUtils.hasText(redis.getUrl())) {
            log.info("Rate limits are kept by each gateway replica alone (REDIS_URI is not set)");
            return (name, budget) -> new LocalRateBudget(name, budget, limits.maxKeys());
        }
        log.info("Rate limits are shared by every gateway replica through Redis, keys prefixed {}",
                limits.redisKeyPrefix());
        SharedBudgetOutages outages = new SharedBudgetOutages(meters);
        return (name, budget) -> new SharedRateBudget(limits.redisKeyPrefix() + "." + name,
                new LocalRateBudget(name, budget, limits.maxKeys()), templates.getObject(), script.getObject(),
                configurations.getObject(), outages);
    }

    /**
     * While the connection to Redis is down, a command fails at once instead of waiting in Lettuce's queue for the
     * reconnection (up to {@code spring.data.redis.timeout}): the request is then decided by the replica's own
     * budget without delay.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsAway() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
