package io.provisio.languages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguagesTest {

    @ParameterizedTest
    @CsvSource({"sv, sv", "sv-SE, sv", "SV, sv", "de_AT, de", "it-IT, it", "nl-BE, nl", "nb, nb", "nb-NO, nb",
            "no, nb", "no-NO, nb", "nn, nb", "nn-NO, nb", "en-GB, en", "' en ', en"})
    void readsTheLanguageOfACodeOrLocale(String tag, String language) {
        assertThat(Languages.of(tag)).contains(language);
    }

    @ParameterizedTest
    @CsvSource({"fi-FI", "fr", "''", "'  '", "xx-YY"})
    void speaksNoOtherLanguage(String tag) {
        assertThat(Languages.of(tag)).isEmpty();
        assertThat(Languages.forLocale(tag)).isEqualTo("en");
    }

    @Test
    void aMissingLocaleGetsEnglish() {
        assertThat(Languages.of(null)).isEmpty();
        assertThat(Languages.forLocale(null)).isEqualTo("en");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sv-SE,sv;q=0.9,en;q=0.8 | sv",
            "fr-FR,fr;q=0.9,de;q=0.5,en;q=0.4 | de",
            "fr,no;q=0.8 | nb",
            "nn-NO | nb",
            "en;q=0.2,it;q=0.9 | it",
            "sv;q=0,nl;q=0.1 | nl",
            "fr | en",
            "* | en",
            "not a header;;q=x | en"})
    void picksTheBrowsersMostPreferredLanguageWeSpeak(String header, String language) {
        assertThat(Languages.forBrowser(header)).isEqualTo(language);
    }

    @Test
    void noHeaderIsNoPreference() {
        assertThat(Languages.preferred(null)).isEmpty();
        assertThat(Languages.preferred(" ")).isEmpty();
        assertThat(Languages.forBrowser(null)).isEqualTo("en");
    }
}
