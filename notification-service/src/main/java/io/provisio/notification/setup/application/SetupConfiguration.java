package io.provisio.notification.setup.application;

import java.time.Clock;

import io.provisio.notification.setup.persistence.SetupTimerStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The setup timers' worker and its settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SetupProperties.class)
class SetupConfiguration {

    @Bean
    SetupTimerWorker setupTimerWorker(SetupTimerStore store, SetupTimers timers, SetupProperties properties,
                                      Clock clock) {
        return new SetupTimerWorker(store, timers, properties, clock);
    }
}
