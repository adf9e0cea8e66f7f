package io.provisio.identity.staff.bootstrap;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.staff.domain.StaffRole;
import io.provisio.identity.staff.persistence.StaffStore;
import io.provisio.passwords.PasswordPolicy;
import io.provisio.platform.bootstrap.BootstrapFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the bootstrap file's staff users (a partner's {@code staff}) that are missing, at start-up. An existing
 * account is never touched. A plain {@code {noop}} password (demo only) must pass the password policy, as any
 * password a person chooses, and is hashed here; a weak one, an unknown role or a missing password stops the start.
 */
@Component
class StaffBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StaffBootstrap.class);

    private static final String PLAIN = "{noop}";

    private final String location;
    private final StaffStore staff;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final Clock clock;

    StaffBootstrap(@Value("${provisio.bootstrap:}") String location, StaffStore staff, PasswordEncoder passwords,
                   PasswordPolicy policy, Clock clock) {
        this.location = location;
        this.staff = staff;
        this.passwords = passwords;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        BootstrapFile.read(location).ifPresent(this::apply);
    }

    void apply(BootstrapFile file) {
        for (BootstrapFile.Partner partner : file.partners()) {
            for (BootstrapFile.Staff member : partner.staff()) {
                StaffRole role;
                try {
                    role = StaffRole.of(member.role());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("bootstrap staff of " + partner.id() + ": " + e.getMessage(), e);
                }
                StaffMember account = StaffMember.active(StaffStore.newId(), partner.id(), member.username(),
                        member.displayName(), role, hash(partner, member), clock.instant());
                if (staff.insertIfAbsent(account)) {
                    log.info("Bootstrap created staff member {} ({}) of partner {}", account.id(), role, partner.id());
                }
            }
        }
    }

    private String hash(BootstrapFile.Partner partner, BootstrapFile.Staff member) {
        String password = member.password();
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("bootstrap staff member of " + partner.id() + " has no password");
        }
        if (!password.startsWith(PLAIN)) {
            if (!password.startsWith("{")) {
                throw new IllegalStateException("bootstrap staff member of " + partner.id()
                        + ": password must be {noop}<password> or an encoded hash such as {bcrypt}...");
            }
            return password;
        }
        String plain = password.substring(PLAIN.length());
        Optional<String> weak = policy.reject(plain, List.of(member.username(),
                member.displayName() == null ? "" : member.displayName(), partner.name() == null ? "" : partner.name()));
        if (weak.isPresent()) {
            throw new IllegalStateException("bootstrap staff member of " + partner.id() + ": the password "
                    + weak.get());
        }
        return passwords.encode(plain);
    }
}
