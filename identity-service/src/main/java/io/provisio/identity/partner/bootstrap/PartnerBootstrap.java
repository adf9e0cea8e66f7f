package io.provisio.identity.partner.bootstrap;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import io.provisio.identity.partner.domain.ApiClient;
import io.provisio.identity.partner.domain.ApiScope;
import io.provisio.identity.partner.domain.Partner;
import io.provisio.identity.partner.persistence.ApiClientStore;
import io.provisio.identity.partner.persistence.PartnerStore;
import io.provisio.platform.bootstrap.BootstrapFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Reads the bootstrap file once at start-up, before the web server accepts token requests, and
 * creates the partners and API clients that are missing. An existing partner or client is never
 * touched: a secret changed later (or changed in the file) stays as stored. Several replicas may
 * run this at once; the unique indexes let exactly one insert win.
 */
@Component
class PartnerBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(PartnerBootstrap.class);

    private static final String PLAIN = "{noop}";

    private final BootstrapProperties properties;
    private final PartnerStore partners;
    private final ApiClientStore clients;
    private final PasswordEncoder passwords;
    private final Clock clock;

    PartnerBootstrap(BootstrapProperties properties, PartnerStore partners, ApiClientStore clients,
                     PasswordEncoder passwords, Clock clock) {
        this.properties = properties;
        this.partners = partners;
        this.clients = clients;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        BootstrapFile.read(properties.bootstrap()).ifPresent(this::apply);
    }

    void apply(BootstrapFile file) {
        for (BootstrapFile.Partner partner : file.partners()) {
            if (partners.insertIfAbsent(new Partner(partner.id(), partner.name(), blankToNull(partner.notificationEmail()),
                    clock.instant()))) {
                log.info("Bootstrap created partner {}", partner.id());
            } else if (blankToNull(partner.notificationEmail()) != null
                    && partners.setNotificationEmailIfMissing(partner.id(), partner.notificationEmail().strip())) {
                // Missing, so added: a partner stored before the field existed gets it, a stored one stays.
                log.info("Bootstrap gave partner {} its notification e-mail address", partner.id());
            }
            for (BootstrapFile.Client client : partner.clients()) {
                ApiClient apiClient = new ApiClient(ApiClientStore.newId(), partner.id(), client.clientId(),
                        hash(client), scopes(client), clock.instant());
                if (clients.insertIfAbsent(apiClient)) {
                    log.info("Bootstrap created API client {} of partner {} with scopes {}", client.clientId(),
                            partner.id(), apiClient.scopes());
                }
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A {@code {noop}} demo secret is hashed here, so no plain secret ever reaches the database. */
    private String hash(BootstrapFile.Client client) {
        String secret = client.clientSecret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("bootstrap client " + client.clientId() + " has no clientSecret");
        }
        if (secret.startsWith(PLAIN)) {
            return passwords.encode(secret.substring(PLAIN.length()));
        }
        if (!secret.startsWith("{")) {
            throw new IllegalStateException("bootstrap client " + client.clientId()
                    + ": clientSecret must be {noop}<secret> or an encoded hash such as {bcrypt}...");
        }
        return secret;
    }

    private static Set<ApiScope> scopes(BootstrapFile.Client client) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        try {
            client.scopes().forEach(scope -> scopes.add(ApiScope.of(scope)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("bootstrap client " + client.clientId() + ": " + e.getMessage(), e);
        }
        return scopes;
    }
}
