package io.provisio.platform.config;

import java.util.List;

import io.provisio.platform.security.PartnerIdArgumentResolvers;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets controllers declare a {@code PartnerId} parameter. */
@Configuration(proxyBeanMethods = false)
class PartnerWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(PartnerIdArgumentResolvers.fromVerifiedToken());
    }
}
