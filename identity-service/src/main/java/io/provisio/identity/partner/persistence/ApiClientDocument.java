package io.provisio.identity.partner.persistence;

import java.time.Instant;
import java.util.List;

import io.provisio.identity.partner.domain.ApiClient;
import io.provisio.identity.partner.domain.ApiScope;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * An {@code api_clients} document as Spring Data maps it: the scopes as their values ({@code onboarding}, ...),
 * sorted; the secret only as its hash.
 */
record ApiClientDocument(@MongoId(FieldType.STRING) String id, String partnerId, String clientId, String secretHash,
                         List<String> scopes, Instant createdAt) {

    static ApiClientDocument of(ApiClient client) {
        return new ApiClientDocument(client.id(), client.partnerId(), client.clientId(), client.secretHash(),
                client.scopes().stream().map(ApiScope::value).sorted().toList(), client.createdAt());
    }

    List<String> scopeValues() {
        return scopes == null ? List.of() : scopes;
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "ApiClientDocument[clientId=" + clientId + ", partnerId=" + partnerId + "]";
    }
}
