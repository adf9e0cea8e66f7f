package io.provisio.subscription.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param bootstrap path of the bootstrap YAML (API.md, "Bootstrap"), from {@code PROVISIO_BOOTSTRAP};
 *                  blank = no bootstrap data
 */
@ConfigurationProperties("provisio")
public record BootstrapProperties(@DefaultValue("") String bootstrap) {
}
