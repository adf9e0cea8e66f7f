package io.provisio.notification.email.delivery;

import java.time.Instant;
import java.util.Map;

import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailRendererTest {

    private final MailRenderer renderer = new MailRenderer();

    @Test
    void rendersTheSwedishWelcomeWithTheCompanyName() {
        RenderedMail mail = renderer.render(welcome(Language.SV, "Testbolag Göteborg AB", true));

        assertThat(mail.language()).isEqualTo(Language.SV);
        assertThat(mail.subject()).isEqualTo("Välkommen till Provisio, Testbolag Göteborg AB");
        assertThat(mail.text()).contains("Hej Bengt Testsson,",
                "Testbolag Göteborg AB har nu en egen organisation i Provisio med kontonamnet \"testbolag\".",
                "aktiveringslänk");
        assertThat(mail.html()).contains("<html lang=\"sv\">", "<strong>Testbolag Göteborg AB</strong>",
                "aktiveringslänk");
    }

    @Test
    void rendersTheEnglishWelcomeWithoutActivationWhenAPasswordWasSet() {
        RenderedMail mail = renderer.render(welcome(Language.EN, "Testbolag AB", false));

        assertThat(mail.subject()).isEqualTo("Welcome to Provisio, Testbolag AB");
        assertThat(mail.text()).contains("Hello Bengt Testsson,", "You can sign in right away")
                .doesNotContain("activation link");
        assertThat(mail.html()).contains("You can sign in right away").doesNotContain("activation link");
    }

    @Test
    void escapesTheCompanyNameInHtmlOnly() {
        RenderedMail mail = renderer.render(welcome(Language.EN, "Müller & Söhne <GmbH>", true));

        assertThat(mail.subject()).isEqualTo("Welcome to Provisio, Müller & Söhne <GmbH>");
        assertThat(mail.text()).contains("Müller & Söhne <GmbH> now has");
        assertThat(mail.html()).contains("Müller &amp; Söhne &lt;GmbH&gt;").doesNotContain("<GmbH>");
    }

    @Test
    void fallsBackToEnglishForALanguageWithoutTextsYet() {
        RenderedMail mail = renderer.render(welcome(Language.DE, "Müller & Söhne GmbH", true));

        assertThat(mail.language()).isEqualTo(Language.EN);
        assertThat(mail.subject()).isEqualTo("Welcome to Provisio, Müller & Söhne GmbH");
    }

    private static Notification welcome(Language language, String companyName, boolean activationRequired) {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");
        return Notification.scheduled("ntf-1", "p1", "cus-1", "saga-1", Template.WELCOME,
                "bengt.testsson@testbolag.se", language,
                Map.of("recipientName", "Bengt Testsson", "companyName", companyName, "accountName", "testbolag",
                        "activationRequired", activationRequired),
                now, now);
    }
}
