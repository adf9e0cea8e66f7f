package io.provisio.identity.token;

import io.provisio.identity.partner.persistence.ApiClientStore;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The clients the authorization server knows: the console's one public client (fixed, from configuration, ADR 024)
 * and the partners' API clients in {@link ApiClientStore}. Not a bean, so {@code ApiClientStore} stays the only
 * {@code RegisteredClientRepository} in the context; both authorization-server chains are given this one.
 */
final class ConsoleAndApiClients implements RegisteredClientRepository {

    private final RegisteredClient console;
    private final ApiClientStore apiClients;

    ConsoleAndApiClients(RegisteredClient console, ApiClientStore apiClients) {
        this.console = console;
        this.apiClients = apiClients;
    }

    /** Only API clients are saved (a re-hashed secret); the console's client has no secret and is not stored. */
    @Override
    public void save(RegisteredClient registeredClient) {
        if (!console.getId().equals(registeredClient.getId())) {
            apiClients.save(registeredClient);
        }
    }

    @Override
    public RegisteredClient findById(String id) {
        return console.getId().equals(id) ? console : apiClients.findById(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return console.getClientId().equals(clientId) ? console : apiClients.findByClientId(clientId);
    }
}
