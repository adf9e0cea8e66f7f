package io.provisio.identity.staff.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.staff.domain.StaffStatus;
import io.provisio.identity.staff.persistence.SignInFailureStore;
import io.provisio.identity.staff.persistence.StaffStore;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.function.SingletonSupplier;

/**
 * Checks a staff member's sign-in name and password, throttled per name: {@code failedSignIns} failures within
 * {@code failureWindow} lock the name for {@code lockout}, counted in MongoDB so every replica sees the same count
 * ({@link SignInFailureStore}). A locked name is refused before its password is looked at. An unknown name costs
 * the same hash comparison and counts its failures the same way, so neither timing nor the answer tells whether a
 * name exists. Neither the password nor its hash is logged or kept in the session.
 */
final class StaffAuthenticationProvider implements AuthenticationProvider {

    private final StaffStore staff;
    private final SignInFailureStore failures;
    private final PasswordEncoder passwords;
    private final ConsoleProperties properties;
    private final Clock clock;
    /** Compared against when the name is unknown, so that costs the same time as a wrong password. */
    private final SingletonSupplier<String> unknownUserHash;

    StaffAuthenticationProvider(StaffStore staff, SignInFailureStore failures, PasswordEncoder passwords,
                                ConsoleProperties properties, Clock clock) {
        this.staff = staff;
        this.failures = failures;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
        this.unknownUserHash = SingletonSupplier.of(() -> passwords.encode(UUID.randomUUID().toString()));
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = StaffMember.normalize(authentication.getName());
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Instant now = clock.instant();
        if (failures.lockedUntil(username, now).isPresent()) {
            throw new LockedException("too many failed sign-ins");
        }
        // Only an ACTIVE member signs in: an invited one has no password yet, a disabled one is refused exactly as a
        // wrong password (the page does not say which), and counts as a failure the same way.
        Optional<StaffMember> member = staff.findByUsername(username)
                .filter(candidate -> candidate.status() == StaffStatus.ACTIVE);
        boolean matches;
        if (member.isPresent()) {
            matches = passwords.matches(password, member.get().passwordHash());
        } else {
            passwords.matches(password, unknownUserHash.obtain());
            matches = false;
        }
        if (!matches) {
            if (failures.recordFailure(username, now, properties.failedSignIns(), properties.failureWindow(),
                    properties.lockout())) {
                throw new LockedException("too many failed sign-ins");
            }
            throw new BadCredentialsException("bad credentials");
        }
        StaffMember signedIn = member.get();
        failures.clear(username);
        if (passwords.upgradeEncoding(signedIn.passwordHash())) {
            staff.replacePasswordHash(signedIn.id(), passwords.encode(password));
        }
        return UsernamePasswordAuthenticationToken.authenticated(StaffPrincipal.of(signedIn), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + signedIn.role().name())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
