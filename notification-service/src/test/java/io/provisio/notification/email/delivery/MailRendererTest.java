package io.provisio.notification.email.delivery;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailRendererTest {

    static final String TOKEN = "q5WlQw8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2E";
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    private final MailRenderer renderer = new MailRenderer("https://portal.provisio.test/");

    @Test
    void rendersTheSwedishWelcomeWithTheCompanyAndPartnerNames() {
        RenderedMail mail = renderer.render(welcome(Language.SV, "Testbolag Göteborg AB", true));

        assertThat(mail.language()).isEqualTo(Language.SV);
        assertThat(mail.subject()).isEqualTo("Välkommen till Provisio, Testbolag Göteborg AB");
        assertThat(mail.text()).contains("Hej Bengt Testsson,",
                "Testbolag Göteborg AB har nu en egen organisation i Provisio med kontonamnet ”testbolag”.",
                "Nordic IT Partner AB har satt upp den åt er", "Ditt användarnamn är bengt.testsson@testbolag.se.",
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
    void namesNoPartnerWhenThePartnerNameIsUnknown() {
        Map<String, Object> model = new LinkedHashMap<>(Map.of("companyName", "Testbolag AB",
                "activationRequired", false));
        RenderedMail mail = renderer.render(notification(Template.WELCOME, Language.DE, model, null));

        assertThat(mail.text()).contains("Guten Tag,", "Ihr IT-Partner hat sie für Sie eingerichtet",
                "wenden Sie sich an Ihren IT-Partner.").doesNotContain("null");
    }

    @Test
    void escapesTheCompanyNameInHtmlOnly() {
        RenderedMail mail = renderer.render(welcome(Language.EN, "Müller & Söhne <GmbH>", true));

        assertThat(mail.subject()).isEqualTo("Welcome to Provisio, Müller & Söhne <GmbH>");
        assertThat(mail.text()).contains("Müller & Söhne <GmbH> now has");
        assertThat(mail.html()).contains("Müller &amp; Söhne &lt;GmbH&gt;").doesNotContain("<GmbH>");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void rendersEveryTemplateInEveryLanguageCompletely(Language language) {
        for (Template template : EnumSet.allOf(Template.class)) {
            RenderedMail mail = renderer.render(notification(template, language, fullModel(), TOKEN));
            // The partner's language is not known: e-mails to the partner are written in English only.
            Language expected = template.toPartner() ? Language.EN : language;

            assertThat(mail.language()).as(template + " " + language).isEqualTo(expected);
            assertThat(mail.html()).contains("<html lang=\"" + expected.code() + "\">");
            for (String part : new String[] {mail.subject(), mail.text(), mail.html()}) {
                assertThat(part).as(template + " " + language).doesNotContain("[(", "[[", "${", "null", "??");
            }
            assertThat(mail.text()).contains("Åsa Öberg");
        }
    }

    @Test
    void invitesAStaffMemberToTheConsoleWithTheStaffPagesLinkAndTheirRole() {
        Map<String, Object> model = new LinkedHashMap<>(fullModel());
        model.put("admin", true);

        RenderedMail admin = renderer.render(notification(Template.STAFF_INVITATION, Language.SV, model, TOKEN));
        RenderedMail agent = renderer.render(notification(Template.STAFF_INVITATION, Language.SV, fullModel(), TOKEN));

        assertThat(admin.subject()).isEqualTo("Din inbjudan till Provisio-konsolen");
        assertThat(admin.text()).contains("/activate/staff?token=" + TOKEN, "hantera teamets användare")
                .doesNotContain("/activate?token=");
        assertThat(admin.html()).contains("/activate/staff?token=" + TOKEN);
        assertThat(agent.text()).contains("Du kommer att registrera och hantera kunder.")
                .doesNotContain("hantera teamets användare");
        assertThat(renderer.preview(notification(Template.STAFF_INVITATION, Language.SV, model, TOKEN)).text())
                .doesNotContain(TOKEN);
    }

    @Test
    void remindsOfSetupWithTheSameLinkUnderAnotherSubject() {
        Map<String, Object> model = new LinkedHashMap<>(fullModel());
        model.put("reminder", true);

        RenderedMail reminder = renderer.render(notification(Template.SETUP_REMINDER, Language.SV, model, TOKEN));
        RenderedMail configure = renderer.render(notification(Template.SETUP_CONFIGURE_NOW, Language.SV, fullModel(),
                TOKEN));

        assertThat(reminder.subject()).startsWith("Påminnelse: ");
        assertThat(configure.subject()).startsWith("Konfigurera ");
        assertThat(reminder.text()).contains("/setup?token=" + TOKEN).doesNotContain("/activate?token=");
        assertThat(configure.text()).contains("/setup?token=" + TOKEN);
    }

    @Test
    void tellsThePartnerWhoNeedsANewActivationLinkAndHowToSendIt() {
        RenderedMail mail = renderer.render(notification(Template.ACTIVATION_REQUESTED, Language.SV, fullModel(),
                null));

        assertThat(mail.subject()).isEqualTo("asa.oberg@mueller.de asks for a new activation link");
        assertThat(mail.text()).contains("Hello Nordic IT Partner AB,", "Åsa Öberg (asa.oberg@mueller.de) of "
                        + "Müller & Söhne GmbH opened an activation link that had expired on June 3, 2027, 08:00 UTC",
                "POST /api/v1/customers/cus-1/users/usr-1/activation").doesNotContain("token");
        assertThat(mail.html()).contains("Müller &amp; Söhne GmbH", "/api/v1/customers/cus-1/users/usr-1/activation");
    }

    @ParameterizedTest
    @CsvSource({
            "en, 'valid until June 3, 2027, 08:00 UTC', 'It started on June 3, 2027.'",
            "sv, 'gäller till 3 juni 2027, 08:00 UTC', 'Det startade den 3 juni 2027.'",
            "de, 'gültig bis 3. Juni 2027, 08:00 UTC', 'Es hat am 3. Juni 2027 begonnen.'",
            "it, 'valido fino al 3 giugno 2027, 08:00 UTC', 'È iniziato il 3 giugno 2027.'",
            "nl, 'geldig tot 3 juni 2027, 08:00 UTC', 'Het is gestart op 3 juni 2027.'",
            "nb, 'gyldig til 3. juni 2027, 08:00 UTC', 'Det startet 3. juni 2027.'"})
    void writesDatesTheWayTheLanguageDoes(String code, String expiry, String start) {
        Language language = Language.of(code);

        assertThat(renderer.render(notification(Template.ACTIVATION, language, fullModel(), TOKEN)).text())
                .contains(expiry);
        assertThat(renderer.render(notification(Template.SUBSCRIPTION_STARTED, language, fullModel(), null)).text())
                .contains(start);
    }

    @Test
    void putsTheActivationLinkInBothPartsWhenSending() {
        RenderedMail mail = renderer.render(notification(Template.ACTIVATION, Language.NB, fullModel(), TOKEN));

        String link = "https://portal.provisio.test/activate?token=" + TOKEN;
        assertThat(mail.text()).contains(link);
        assertThat(mail.html()).contains("href=\"" + link + "\"");
    }

    @Test
    void masksTheActivationTokenInAPreview() {
        RenderedMail preview = renderer.preview(notification(Template.ACTIVATION, Language.SV, fullModel(), TOKEN));

        assertThat(preview.text()).contains("https://portal.provisio.test/activate?token=••••")
                .doesNotContain(TOKEN);
        assertThat(preview.html()).doesNotContain(TOKEN);
        assertThat(preview.toString()).doesNotContain(TOKEN);
    }

    @Test
    void refusesToSendAnActivationEmailWhoseTokenIsGone() {
        assertThatThrownBy(() -> renderer.render(notification(Template.ACTIVATION, Language.EN, fullModel(), null)))
                .isInstanceOf(IllegalStateException.class);
    }

    static Map<String, Object> fullModel() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("recipientName", "Åsa Öberg");
        model.put("companyName", "Müller & Söhne GmbH");
        model.put("partnerName", "Nordic IT Partner AB");
        model.put("accountName", "mueller");
        model.put("upn", "asa.oberg@mueller.de");
        model.put("activationRequired", true);
        model.put("expiresAt", "2027-06-03T08:00:00Z");
        model.put("planCode", "HOSTED-EXCHANGE");
        model.put("units", 10);
        model.put("startDate", "2027-06-03");
        model.put("customerId", "cus-1");
        model.put("userId", "usr-1");
        return model;
    }

    private static Notification welcome(Language language, String companyName, boolean activationRequired) {
        return notification(Template.WELCOME, language,
                Map.of("recipientName", "Bengt Testsson", "companyName", companyName, "accountName", "testbolag",
                        "activationRequired", activationRequired, "partnerName", "Nordic IT Partner AB",
                        "upn", "bengt.testsson@testbolag.se"), null);
    }

    private static Notification notification(Template template, Language language, Map<String, Object> model,
                                             String token) {
        return Notification.scheduled("ntf-1", "p1", "cus-1", "saga-1", template, "bengt.testsson@testbolag.se",
                language, model, NOW, NOW).withActivation(null, token);
    }
}
