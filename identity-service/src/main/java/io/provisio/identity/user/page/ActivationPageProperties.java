package io.provisio.identity.user.page;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signInUrl where an administrator signs in once the account is active; the success page names it. The
 *                  platform's sign-in is not Provisio's (identity issues tokens to partners' API clients only), so
 *                  it is configuration.
 */
@ConfigurationProperties("provisio.identity.activation-page")
record ActivationPageProperties(@DefaultValue("https://portal.provisio.cloud/") URI signInUrl) {
}
