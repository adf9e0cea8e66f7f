package io.provisio.identity.staff.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import io.provisio.identity.IdentityServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IdentityServiceTest
class SignInFailureStoreIT {

    @Autowired
    SignInFailureStore failures;

    @Test
    void locksANameThatReadsAsAnObjectIdLikeAnyOther() {
        // 24 hex digits: what Spring Data would store as an ObjectId, where the filters look for a string.
        String name = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 12);
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        Duration window = Duration.ofMinutes(15);
        Duration lockout = Duration.ofMinutes(10);

        assertThat(failures.recordFailure(name, now, 2, window, lockout)).isFalse();
        assertThat(failures.recordFailure(name, now.plusSeconds(1), 2, window, lockout)).isTrue();
        assertThat(failures.lockedUntil(name, now.plusSeconds(2))).contains(now.plusSeconds(1).plus(lockout));
    }
}
