package io.provisio.identity.partner.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param bootstrap path of the bootstrap YAML ({@code PROVISIO_BOOTSTRAP}); blank = nothing to create */
@ConfigurationProperties("provisio")
record BootstrapProperties(String bootstrap) {
}
