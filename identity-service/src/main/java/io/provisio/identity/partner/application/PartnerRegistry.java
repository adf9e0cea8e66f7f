package io.provisio.identity.partner.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.provisio.identity.partner.domain.ApiClient;
import io.provisio.identity.partner.domain.ApiScope;
import io.provisio.identity.partner.domain.Partner;
import io.provisio.identity.partner.persistence.ApiClientStore;
import io.provisio.identity.partner.persistence.PartnerStore;
import io.provisio.platform.refusal.Refusal;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.FieldRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates a partner and its first API client. Two writes: the partner, then the client. A crash between
 * them leaves a partner without a client, and the same request sent again completes it (a partner that
 * already has a client answers 409 PARTNER_EXISTS).
 */
@Component
public class PartnerRegistry {

    private static final Logger log = LoggerFactory.getLogger(PartnerRegistry.class);
    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PartnerStore partners;
    private final ApiClientStore clients;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final String consoleClientId;

    /**
     * @param consoleClientId the console's public client (ADR 024), which the authorization server finds before any
     *                        API client: an API client of that id could never authenticate, so none is made
     */
    PartnerRegistry(PartnerStore partners, ApiClientStore clients, PasswordEncoder passwords, Clock clock,
                    @Value("${provisio.identity.console.client-id:provisio-console}") String consoleClientId) {
        this.consoleClientId = consoleClientId;
        this.partners = partners;
        this.clients = clients;
        this.passwords = passwords;
        this.clock = clock;
    }

    public CreatedPartner create(NewPartner request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.id() == null || !ID.matcher(request.id()).matches()) {
            errors.add(new FieldError("id", "must match ^[a-z0-9][a-z0-9-]{1,62}$"));
        }
        if (request.name() == null || request.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (request.name().length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        String clientId = request.clientId() == null ? request.id() + "-api" : request.clientId();
        if (request.clientId() != null && !ID.matcher(request.clientId()).matches()) {
            errors.add(new FieldError("clientId", "must match ^[a-z0-9][a-z0-9-]{1,62}$"));
        }
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        List<String> asked = request.scopes() == null ? List.of("onboarding", "catalog") : request.scopes();
        if (asked.isEmpty()) {
            errors.add(new FieldError("scopes", "must name at least one scope"));
        } else if (asked.size() > ApiScope.values().length) {
            // One error on the list: its entries are not judged one by one (ADR 012's list bounds).
            errors.add(new FieldError("scopes", "must have at most " + ApiScope.values().length + " entries"));
        } else {
            for (int i = 0; i < asked.size(); i++) {
                try {
                    scopes.add(ApiScope.of(asked.get(i)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("scopes[" + i + "]", "must be onboarding, catalog or operator"));
                }
            }
        }
        if (request.notificationEmail() != null) {
            FieldRules.email(errors, "notificationEmail", request.notificationEmail());
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        if (clientId.equals(consoleClientId) || clients.findByClientId(clientId) != null) {
            throw Refusal.conflict("CLIENT_ID_TAKEN", "Client id taken",
                    "an API client " + clientId + " exists already");
        }
        Instant now = clock.instant();
        Partner partner = new Partner(request.id(), request.name().strip(),
                request.notificationEmail() == null ? null : request.notificationEmail().strip(), now);
        if (!partners.insertIfAbsent(partner)) {
            if (clients.countByPartner(request.id()) > 0) {
                throw Refusal.conflict("PARTNER_EXISTS", "Partner exists",
                        "partner " + request.id() + " exists already");
            }
            partner = partners.find(request.id()).orElse(partner);
        }
        String secret = secret();
        ApiClient client = new ApiClient(ApiClientStore.newId(), partner.id(), clientId, passwords.encode(secret),
                scopes, now);
        if (!clients.insertIfAbsent(client)) {
            throw Refusal.conflict("CLIENT_ID_TAKEN", "Client id taken",
                    "an API client " + clientId + " exists already");
        }
        log.info("Created partner {} with API client {} and scopes {}", partner.id(), clientId, client.scopes());
        return new CreatedPartner(partner.id(), partner.name(), partner.notificationEmail(), partner.createdAt(),
                new CreatedPartner.Client(clientId, secret,
                        client.scopes().stream().map(ApiScope::value).sorted().toList()));
    }

    /**
     * The partner, whoever asks: the operator API, the token's claims, the e-mails that name the partner. Other
     * features read partners here, never from the store (ADR 025).
     */
    public Optional<Partner> find(String id) {
        return partners.find(id);
    }

    /**
     * An operator's JSON merge patch (RFC 7396) of a partner: only {@code notificationEmail} may change, set to an
     * address or removed with {@code null}. Every invalid field is reported at once and nothing is written then.
     *
     * @return the partner as it is now, or empty when there is no such partner
     */
    public Optional<Partner> change(String id, Map<String, Object> patch) {
        List<FieldError> errors = new ArrayList<>();
        patch.keySet().stream().filter(field -> !"notificationEmail".equals(field)).sorted().forEach(field ->
                errors.add(new FieldError(field, "id".equals(field) || "name".equals(field) || "createdAt".equals(field)
                        ? "cannot be changed" : "is not a field of a partner")));
        Object email = patch.get("notificationEmail");
        if (email != null && !(email instanceof String)) {
            errors.add(new FieldError("notificationEmail", "must be a string or null"));
        } else if (email != null) {
            FieldRules.email(errors, "notificationEmail", (String) email);
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        if (patch.containsKey("notificationEmail")
                && !partners.setNotificationEmail(id, email == null ? null : ((String) email).strip())) {
            return Optional.empty();
        }
        Optional<Partner> changed = find(id);
        changed.ifPresent(p -> log.info("Partner {}: notification address {}", id,
                p.notificationEmail() == null ? "removed" : "changed"));
        return changed;
    }

    /** 256 random bits, base64url: nothing to guess, and safe in a form post or an HTTP Basic header. */
    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
