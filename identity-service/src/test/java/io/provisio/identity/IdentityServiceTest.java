package io.provisio.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.provisio.devstack.TestInfrastructureInitializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

/**
 * identity-service started against the real broker and the test MongoDB, with the test bootstrap
 * file, a generated signing key and a previous one ({@link RotatedOutSigningKey}). Every IT uses
 * exactly this, so they share one context (and one consumer of {@code identity-commands}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "provisio.bootstrap=src/test/resources/identity-bootstrap.yml",
        "provisio.identity.signing.generate-if-missing=true",
        // Activation links expire: ITs move this clock forward (it only ever goes forward).
        "provisio.test-clock.enabled=true",
        // Tombstones of deleted users go soon after their UserDeleted left, so a test can see them go.
        "provisio.identity.deleted-user-sweep=200ms"})
@ContextConfiguration(initializers = {TestInfrastructureInitializer.class, RotatedOutSigningKey.class})
@AutoConfigureMockMvc
@ExtendWith(LeaveNoQueues.class)
public @interface IdentityServiceTest {
}
