package io.provisio.devstack;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Services log structured JSON (ECS) for their log pipelines; a test's console is read by people.
 * devstack is only ever on a test classpath, so this switches tests back to plain lines unless
 * {@code PROVISIO_LOG_FORMAT} asks for a format.
 */
public final class PlainTestLogs implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getenv("PROVISIO_LOG_FORMAT") == null) {
            environment.getPropertySources().addFirst(new MapPropertySource("provisio-plain-test-logs",
                    Map.of("logging.structured.format.console", "")));
        }
    }
}
