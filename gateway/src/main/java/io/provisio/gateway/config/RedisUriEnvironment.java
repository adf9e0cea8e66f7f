package io.provisio.gateway.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * {@code REDIS_URI}, when set, is where Spring Data Redis connects ({@code spring.data.redis.url}), and so what
 * makes the rate-limit budgets shared ({@code RateBudgetConfiguration}). It cannot be {@code url: ${REDIS_URI:}}
 * in application.yml: Boot refuses an empty URL at start, and the gateway must start without Redis. An explicit
 * {@code spring.data.redis.url} wins.
 */
class RedisUriEnvironment implements EnvironmentPostProcessor {

    static final String REDIS_URI = "REDIS_URI";
    static final String REDIS_URL_PROPERTY = "spring.data.redis.url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String uri = environment.getProperty(REDIS_URI);
        if (StringUtils.hasText(uri) && !environment.containsProperty(REDIS_URL_PROPERTY)) {
            environment.getPropertySources().addLast(new MapPropertySource(REDIS_URI, Map.of(REDIS_URL_PROPERTY, uri)));
        }
    }
}
