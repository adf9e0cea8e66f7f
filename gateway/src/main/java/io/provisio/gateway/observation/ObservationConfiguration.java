package io.provisio.gateway.observation;

import org.springframework.cloud.gateway.filter.headers.observation.GatewayObservationConvention;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's observation of proxied calls uses {@link QuerylessGatewayObservationConvention}. */
@Configuration(proxyBeanMethods = false)
class ObservationConfiguration {

    @Bean
    GatewayObservationConvention querylessGatewayObservationConvention() {
        return new QuerylessGatewayObservationConvention();
    }
}
