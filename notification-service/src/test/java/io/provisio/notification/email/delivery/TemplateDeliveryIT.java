package io.provisio.notification.email.delivery;

import java.time.Duration;
import java.util.UUID;

import io.provisio.notification.MutableClock;
import io.provisio.notification.RunningService;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.SagaNotificationStore;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every template in every language, delivered by the running dispatcher to a real SMTP server and read
 * back from it: subject intact after RFC 2047 encoding, the language's own words in both parts.
 */
class TemplateDeliveryIT extends RunningService {

    @Autowired
    SagaNotificationStore store;
    @Autowired
    MutableClock clock;

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            WELCOME              | en | Welcome to Provisio, Müller & Söhne GmbH          | Hello Åsa Öberg,    | now has its own organization on Provisio
            WELCOME              | sv | Välkommen till Provisio, Müller & Söhne GmbH      | Hej Åsa Öberg,      | har nu en egen organisation i Provisio
            WELCOME              | de | Willkommen bei Provisio, Müller & Söhne GmbH      | Hallo Åsa Öberg,    | hat jetzt eine eigene Organisation bei Provisio
            WELCOME              | it | Benvenuti in Provisio, Müller & Söhne GmbH        | Gentile Åsa Öberg,  | dispone ora di una propria organizzazione su Provisio
            WELCOME              | nl | Welkom bij Provisio, Müller & Söhne GmbH          | Beste Åsa Öberg,    | heeft nu een eigen organisatie in Provisio
            WELCOME              | nb | Velkommen til Provisio, Müller & Söhne GmbH       | Hei Åsa Öberg,      | har nå en egen organisasjon i Provisio
            ACTIVATION           | en | Activate your Provisio account                    | Hello Åsa Öberg,    | The link can be used once
            ACTIVATION           | sv | Aktivera ditt Provisio-konto                      | Hej Åsa Öberg,      | Länken kan bara användas en gång
            ACTIVATION           | de | Aktivieren Sie Ihr Provisio-Konto                 | Hallo Åsa Öberg,    | Der Link kann nur einmal verwendet werden
            ACTIVATION           | it | Attivi il Suo account Provisio                    | Gentile Åsa Öberg,  | Il link può essere usato una sola volta
            ACTIVATION           | nl | Activeer uw Provisio-account                      | Beste Åsa Öberg,    | De link kan één keer worden gebruikt
            ACTIVATION           | nb | Aktiver Provisio-kontoen din                      | Hei Åsa Öberg,      | Lenken kan bare brukes én gang
            SUBSCRIPTION_STARTED | en | Your HOSTED-EXCHANGE subscription has started     | Hello Åsa Öberg,    | Licences: 10
            SUBSCRIPTION_STARTED | sv | Ert abonnemang HOSTED-EXCHANGE har startat        | Hej Åsa Öberg,      | Antal licenser: 10
            SUBSCRIPTION_STARTED | de | Ihr Abonnement HOSTED-EXCHANGE hat begonnen       | Hallo Åsa Öberg,    | Anzahl der Lizenzen: 10
            SUBSCRIPTION_STARTED | it | Il Suo abbonamento HOSTED-EXCHANGE è iniziato     | Gentile Åsa Öberg,  | Numero di licenze: 10
            SUBSCRIPTION_STARTED | nl | Uw abonnement HOSTED-EXCHANGE is gestart          | Beste Åsa Öberg,    | Aantal licenties: 10
            SUBSCRIPTION_STARTED | nb | Abonnementet HOSTED-EXCHANGE har startet          | Hei Åsa Öberg,      | Antall lisenser: 10
            """)
    void deliversTheTemplateInTheLanguageWithAnIntactSubject(Template template, String code, String subject,
                                                              String greeting, String phrase) throws Exception {
        Language language = Language.of(code);
        Notification notification = Notification.scheduled("ntf-" + UUID.randomUUID(), "p1",
                "cus-" + UUID.randomUUID(), null, template, "asa.oberg@mueller.de", language,
                MailRendererTest.fullModel(), clock.instant(), clock.instant())
                .withActivation(null, template == Template.ACTIVATION ? MailRendererTest.TOKEN : null);
        store.insertIfAbsent(notification);

        await().atMost(Duration.ofSeconds(15)).until(() -> receivedWithMessageId(notification.messageId()).size() == 1);
        MimeMessage mail = receivedWithMessageId(notification.messageId()).getFirst();

        assertThat(mail.getSubject()).isEqualTo(subject);
        if (!subject.chars().allMatch(c -> c < 128)) {
            assertThat(mail.getHeader("Subject")[0]).as("RFC 2047, UTF-8").startsWith("=?UTF-8?");
        }
        assertThat(mail.getHeader("Content-Language")[0]).isEqualTo(code);
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertThat(text).contains(greeting, phrase);
        assertThat(html).contains("<html lang=\"" + code + "\">", greeting);
        if (template == Template.ACTIVATION) {
            assertThat(text).contains("/activate?token=" + MailRendererTest.TOKEN);
            assertThat(html).contains("/activate?token=" + MailRendererTest.TOKEN);
        }
    }

    private static String part(Part part, String type) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (part.isMimeType(type)) {
            assertThat(part.getContentType()).containsIgnoringCase("charset=UTF-8");
            return (String) part.getContent();
        }
        return null;
    }
}
