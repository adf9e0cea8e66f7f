package io.provisio.notification.email.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageTest {

    @Test
    void readsEveryLanguageTheApiAllows() {
        assertThat(Language.of("sv")).isEqualTo(Language.SV);
        assertThat(Language.of("NB")).isEqualTo(Language.NB);
        assertThat(Language.of(" it ")).isEqualTo(Language.IT);
    }

    @Test
    void fallsBackToEnglishForAnUnknownOrMissingLanguage() {
        assertThat(Language.of("fi")).isEqualTo(Language.EN);
        assertThat(Language.of(null)).isEqualTo(Language.EN);
    }

    @Test
    void choosesTheRequestedLanguageElseTheCustomersLocaleElseEnglish() {
        assertThat(Language.choose("de", "sv-SE")).isEqualTo(Language.DE);
        assertThat(Language.choose(null, "sv-SE")).isEqualTo(Language.SV);
        assertThat(Language.choose("fi", "no")).as("Norwegian locale, Bokmål texts").isEqualTo(Language.NB);
        assertThat(Language.choose(null, "fr-FR")).isEqualTo(Language.EN);
        assertThat(Language.choose(" ", null)).isEqualTo(Language.EN);
    }

    @Test
    void givesTheSameNotificationIdForTheSameSaga() {
        assertThat(Notification.idFor("saga-1", Template.WELCOME))
                .isEqualTo(Notification.idFor("saga-1", Template.WELCOME))
                .isNotEqualTo(Notification.idFor("saga-2", Template.WELCOME))
                .startsWith("ntf-");
    }
}
