package io.provisio.customer.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class SecurityBeans {

    /**
     * Hashes a partner-given administrator password the moment it arrives (bcrypt through the
     * delegating encoder, so the hash names its algorithm): only the hash is stored or sent on.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
