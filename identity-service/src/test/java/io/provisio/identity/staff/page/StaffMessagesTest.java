package io.provisio.identity.staff.page;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The staff invitation page speaks the activation page's languages: each file has exactly the English keys, filled. */
class StaffMessagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"sv", "de", "it", "nl", "nb"})
    void everyLanguageHasEveryKeyOfTheEnglishPage(String language) throws IOException {
        Properties english = load("i18n/staff.properties");
        Properties translated = load("i18n/staff_" + language + ".properties");

        assertThat(translated.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        assertThat(translated.values()).allSatisfy(text -> assertThat(text.toString()).isNotBlank());
        assertThat(translated.getProperty("staff.form.intro")).isNotEqualTo(english.getProperty("staff.form.intro"));
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(StaffMessagesTest.class.getClassLoader()
                .getResourceAsStream(resource), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
