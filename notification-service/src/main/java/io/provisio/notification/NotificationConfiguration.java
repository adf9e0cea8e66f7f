package io.provisio.notification;

import java.util.List;

import io.provisio.notification.email.domain.Language;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * Beans shared by notification's features. Spring Data maps every feature's documents with one converter, so its
 * conversions are the service's, declared here rather than in one feature's persistence.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    /**
     * The service's conversions, in place of Spring Boot's default (which has none): a {@link Language} is stored as
     * its code ({@code sv}), as the API and the template files name it.
     */
    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return MongoCustomConversions.create(conversions -> conversions.registerConverters(
                List.of(new LanguageCode(), new CodeLanguage())));
    }

    @WritingConverter
    private static final class LanguageCode implements Converter<Language, String> {

        @Override
        public String convert(Language language) {
            return language.code();
        }
    }

    @ReadingConverter
    private static final class CodeLanguage implements Converter<String, Language> {

        @Override
        public Language convert(String code) {
            return Language.of(code);
        }
    }
}
