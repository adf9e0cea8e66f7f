package io.provisio.identity.user.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void formsUpnOnPrimaryDomain() {
        assertThat(User.upnDomain(List.of("Testbolag.se", "testbolag.com"), "testbolag", "provisio.cloud"))
                .isEqualTo("testbolag.se");
    }

    @Test
    void formsUpnOnPlatformDomainWhenCustomerHasNone() {
        assertThat(User.upnDomain(List.of(), "testbolag", "provisio.cloud")).isEqualTo("testbolag.provisio.cloud");
        assertThat(User.upnDomain(null, "testbolag", "provisio.cloud")).isEqualTo("testbolag.provisio.cloud");
    }

    @Test
    void invitesAdministratorWithoutPassword() {
        User user = administrator(null, null);

        assertThat(user.status()).isEqualTo(UserStatus.INVITED);
        assertThat(user.activationRequired()).isTrue();
        assertThat(user.displayName()).isEqualTo("Bengt Testsson");
        assertThat(user.upn()).isEqualTo("bengt.testsson@testbolag.se");
        assertThat(user.emailKey()).isEqualTo("bengt.testsson@testbolag.se");
    }

    @Test
    void comparesSignInNamesWhateverTheCase() {
        assertThat(User.upnKey(" Admin@Collide.Provisio.Cloud ")).isEqualTo("admin@collide.provisio.cloud");
        assertThat(administrator(null, null).upnKey()).isEqualTo("bengt.testsson@testbolag.se");
    }

    @Test
    void activatesAdministratorWithPasswordAndKeepsGivenDisplayName() {
        User user = administrator("{bcrypt}$2a$10$hash", "Bengt T.");

        assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(user.activationRequired()).isFalse();
        assertThat(user.displayName()).isEqualTo("Bengt T.");
        assertThat(user.toString()).doesNotContain("hash");
    }

    @Test
    void refusesNewUserWithNeitherPasswordNorLink() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> User.administrator("u1",
                "nordic-it", "c1", "s1", "bengt.testsson", "Bengt", "Testsson", null, "b@testbolag.se", null,
                "testbolag.se", null, NOW));
    }

    private static User administrator(String passwordHash, String displayName) {
        return User.administrator("u1", "nordic-it", "c1", "s1", "bengt.testsson", "Bengt", "Testsson", displayName,
                "Bengt.Testsson@Testbolag.SE", passwordHash, "testbolag.se",
                passwordHash == null ? ActivationToken.issue(NOW, Duration.ofHours(72)).stored() : null, NOW);
    }
}
