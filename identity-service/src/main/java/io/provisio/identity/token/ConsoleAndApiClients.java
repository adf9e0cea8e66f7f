package io.provisio.identity.token;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The clients the authorization server knows: the console's one public client (fixed, from configuration, ADR 024)
 * and the partners' API clients (the partner feature's {@code ApiClientStore}, handed over as the interface: the
 * token feature never names another feature's persistence, ADR 025). Both authorization-server chains are given
 * this one.
 */
final class ConsoleAndApiClients implements RegisteredClientRepository {

    private final RegisteredClient console;
    private final RegisteredClientRepository apiClients;

    ConsoleAndApiClients(RegisteredClient console, RegisteredClientRepository apiClients) {
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
