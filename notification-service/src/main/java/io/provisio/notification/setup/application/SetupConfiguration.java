package io.provisio.notification.setup.application;

import java.time.Clock;

import io.provisio.notification.setup.persistence.SetupTimerStore;
import io.provisio.platform.config.OutboxCollection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The setup timers' worker and its settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SetupProperties.class)
class SetupConfiguration {

    /** A step's RecordSetupEscalation leaves from its timer's outbox. */
    @Bean
    OutboxCollection setupTimersOutbox() {
        return new OutboxCollection(SetupTimerStore.COLLECTION);
    }

    @Bean
    SetupTimerWorker setupTimerWorker(SetupTimerStore store, SetupTimers timers, SetupProperties properties,
                                      Clock clock) {
        return new SetupTimerWorker(store, timers, properties, clock);
    }
}
