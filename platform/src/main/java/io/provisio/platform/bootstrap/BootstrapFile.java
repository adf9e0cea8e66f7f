package io.provisio.platform.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The bootstrap YAML of API.md: partners with their API clients, the plan catalogue, and the
 * partners' inventory. identity-service takes the partners, subscription-service the plans and
 * inventory; each creates what is missing and never overwrites later changes.
 */
public record BootstrapFile(List<Partner> partners, List<Plan> plans, List<Inventory> inventory) {

    public BootstrapFile {
        partners = partners == null ? List.of() : List.copyOf(partners);
        plans = plans == null ? List.of() : List.copyOf(plans);
        inventory = inventory == null ? List.of() : List.copyOf(inventory);
    }

    /**
     * @param notificationEmail where the partner's staff are told what needs them (an administrator asking for a
     *                          new activation link); optional
     * @param staff             people of the partner who sign in to the console (identity-service); optional
     */
    public record Partner(String id, String name, String notificationEmail, List<Client> clients, List<Staff> staff) {
        public Partner {
            clients = clients == null ? List.of() : List.copyOf(clients);
            staff = staff == null ? List.of() : List.copyOf(staff);
        }

        public Partner(String id, String name, String notificationEmail, List<Client> clients) {
            this(id, name, notificationEmail, clients, List.of());
        }

        public Partner(String id, String name, List<Client> clients) {
            this(id, name, null, clients, List.of());
        }
    }

    /**
     * A partner's staff member who signs in to the console.
     *
     * @param username the sign-in name (an e-mail address)
     * @param role     PARTNER_ADMIN or PARTNER_AGENT
     * @param password {@code {noop}...} (demo only, must pass the password policy) or an encoded hash
     */
    public record Staff(String username, String displayName, String role, String password) {
        @Override
        public String toString() {
            return "Staff[username=" + username + ", role=" + role + "]";
        }
    }

    /** @param clientSecret {@code {noop}...} (demo only) or a {@code {bcrypt}}/{@code {argon2}} hash */
    public record Client(String clientId, String clientSecret, List<String> scopes) {
        public Client {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Client[clientId=" + clientId + ", scopes=" + scopes + "]";
        }
    }

    /** @param unitType USER, DEVICE, GB or SITE */
    public record Plan(String code, String name, String unitType, int minUnits, int maxUnits, boolean paid,
                       List<String> requires) {
        public Plan {
            requires = requires == null ? List.of() : List.copyOf(requires);
        }
    }

    public record Inventory(String partnerId, String planCode, int units) {
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Reads the file {@code location} names, or nothing when it is blank.
     *
     * @throws IllegalStateException when the file is missing or malformed: a bad bootstrap must stop the start
     */
    public static Optional<BootstrapFile> read(String location) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(location);
        if (!Files.isReadable(path)) {
            throw new IllegalStateException("PROVISIO_BOOTSTRAP names " + path.toAbsolutePath()
                    + ", which is not a readable file");
        }
        try {
            return Optional.of(YAML.readValue(Files.readAllBytes(path), BootstrapFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("bootstrap file " + path + " is not valid: " + e.getMessage(), e);
        }
    }
}
