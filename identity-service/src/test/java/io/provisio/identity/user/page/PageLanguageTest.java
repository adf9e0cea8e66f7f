package io.provisio.identity.user.page;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PageLanguageTest {

    @ParameterizedTest(name = "customer {0}, browser {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "sv,    'de-DE,de;q=0.9',        SV",
            "nb,    -,                       NB",
            "-,     'fr-FR, nl;q=0.8',       NL",
            "-,     'fr, de;q=0',            EN",
            "-,     nn-NO,                   NB",
            "-,     'it-CH;q=0.4, de;q=0.6', DE",
            "-,     -,                       EN",
            "-,     '*',                     EN",
            "-,     ';;;garbage',            EN",
            "xx,    it,                      IT"})
    void speaksTheCustomersLanguageElseTheBrowsersElseEnglish(String customer, String browser, PageLanguage expected) {
        assertThat(PageLanguage.choose(customer, browser)).isEqualTo(expected);
    }
}
