package io.provisio.identity.staff.signin;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's client and its staff's sign-in ({@code provisio.identity.console}, ADR 024).
 *
 * @param clientId          the public client's id the console's script sends
 * @param redirectUris      where codes may be sent: exactly these (the console's page at the gateway's origin)
 * @param accessTokenTtl    how long a console token works; then the console signs in again, silently while the
 *                          sign-in session lasts
 * @param failedSignIns     failures of one sign-in name counted within {@code failureWindow} that lock it
 * @param failureWindow     the window failures are counted in
 * @param lockout           how long a name stays locked once it reached {@code failedSignIns}
 * @param signedOutUrl      where the browser goes after signing out
 */
@ConfigurationProperties("provisio.identity.console")
record ConsoleProperties(String clientId, List<String> redirectUris, Duration accessTokenTtl, int failedSignIns,
                         Duration failureWindow, Duration lockout, String signedOutUrl) {
}
