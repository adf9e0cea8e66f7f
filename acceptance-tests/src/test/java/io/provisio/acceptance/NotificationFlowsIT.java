package io.provisio.acceptance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * E-mail as a partner sees it through the gateway: scheduled at the requested instant, sent at once when
 * asked, delivered to a real SMTP server, previewed, rescheduled and cancelled through the API, and an
 * activation link cancelled when identity deletes the user it is for.
 */
@ExtendWith(Suite.class)
class NotificationFlowsIT {

    private static final Duration SAGA = Duration.ofSeconds(60);

    private Suite suite;
    private Api nordic;
    private Api alpina;

    @BeforeEach
    void partners() {
        suite = Suite.get();
        nordic = Api.nordic();
        alpina = Api.alpina();
    }

    @Test
    void showsAFutureWelcomeEmailScheduledAtItsInstantAndLetsThePartnerPreviewRescheduleAndCancelIt() {
        // Far ahead: the test clock of this run only moves forward, other tests may have advanced it.
        Instant sendAt = Instant.now().plus(Duration.ofDays(300)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        ((ObjectNode) request.get("welcomeEmail")).put("sendAt", sendAt.toString());

        String customerId = completedOnboarding(request);
        String base = "/api/v1/customers/" + customerId + "/notifications";
        JsonNode welcome = welcome(nordic.get(base).json());
        assertThat(welcome.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(welcome.get("sendAt").asString())).isEqualTo(sendAt);
        assertThat(welcome.get("language").asString()).isEqualTo("sv");
        String id = welcome.get("id").asString();
        // Held until the onboarding completed; the completion reaches notification-service as an event.
        await("welcome e-mail released").atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> history = new java.util.ArrayList<>();
            nordic.get(base + "/" + id).json().get("history").forEach(e -> history.add(e.get("event").asString()));
            return history.contains("RELEASED");
        });

        Api.Response preview = nordic.get(base + "/" + id + "/preview");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().get("subject").asString()).isEqualTo("Välkommen till Provisio, Testbolag AB");
        assertThat(preview.json().get("text").asString()).contains("Hej Bengt Testsson,");
        assertThat(preview.json().get("html").asString()).contains("<strong>Testbolag AB</strong>");

        Instant later = sendAt.plus(Duration.ofDays(1));
        Api.Response moved = nordic.patch(base + "/" + id, "{\"sendAt\":\"" + later + "\"}");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(Instant.parse(moved.json().get("sendAt").asString())).isEqualTo(later);
        Api.Response tooLate = nordic.patch(base + "/" + id, "{\"sendAt\":\"" + Instant.now().plus(Duration.ofDays(800)) + "\"}");
        assertThat(tooLate.status()).isEqualTo(400);
        assertThat(tooLate.json().get("code").asString()).isEqualTo("VALIDATION_FAILED");

        Api.Response cancelled = nordic.post(base + "/" + id + "/cancel", "");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        List<String> events = new java.util.ArrayList<>();
        nordic.get(base + "/" + id).json().get("history").forEach(e -> events.add(e.get("event").asString()));
        // RELEASED: the onboarding completed, so the e-mail no longer waits for it, only for its time.
        assertThat(events).containsExactly("SCHEDULED", "RELEASED", "RESCHEDULED", "CANCELLED");
        assertThat(welcome(nordic.get(base).json()).get("status").asString()).isEqualTo("CANCELLED");

        Api.Response foreign = alpina.get(base);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(alpina.get(base + "/" + id + "/preview").status()).isEqualTo(404);
    }

    @Test
    void sendsAWelcomeEmailAtOnceWhenSendAtIsNullWithAnIntactUtf8Subject() throws MessagingException {
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        String administrator = request.get("administrator").get("email").asString();

        String customerId = completedOnboarding(request);

        String base = "/api/v1/customers/" + customerId + "/notifications";
        await("welcome e-mail SENT").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(welcome(nordic.get(base).json()).get("status").asString()).isEqualTo("SENT"));
        JsonNode welcome = welcome(nordic.get(base).json());
        assertThat(welcome.get("sentAt").asString()).isNotBlank();
        String messageId = "<" + welcome.get("id").asString() + "@provisio>";
        MimeMessage mail = await("the e-mail at the SMTP server").atMost(Duration.ofSeconds(10))
                .until(() -> received(messageId), found -> found != null);
        assertThat(subject(mail)).isEqualTo("Välkommen till Provisio, Testbolag AB");
        assertThat(rawSubject(mail)).startsWith("=?UTF-8?");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualToIgnoringCase(administrator);
    }

    @Test
    void cancelsTheScheduledActivationEmailOfAnAdministratorWhoIsDeleted() {
        // Far ahead, so the administrator's ACTIVATION e-mail waits (SCHEDULED) whatever the shared clock did.
        Instant sendAt = Instant.now().plus(Duration.ofDays(300)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        ((ObjectNode) request.get("welcomeEmail")).put("sendAt", sendAt.toString());
        String customerId = completedOnboarding(request);
        String base = "/api/v1/customers/" + customerId + "/notifications";
        JsonNode activation = item(nordic.get(base).json(), "ACTIVATION");
        assertThat(activation.get("status").asString()).isEqualTo("SCHEDULED");
        String users = "/api/v1/customers/" + customerId + "/users";
        String firstAdministrator = nordic.get(users).json().get("items").get(0).get("id").asString();

        // Identity refuses to delete the last administrator: add another one, with a password (no link).
        ObjectNode second = Api.JSON.createObjectNode().put("username", "karin.lund").put("firstName", "Karin")
                .put("lastName", "Lund").put("email", "karin.lund+" + UUID.randomUUID().toString().substring(0, 8)
                        + "@testbolag.se").put("password", Onboardings.STRONG_PASSWORD).put("role", "ADMINISTRATOR");
        Api.Response added = nordic.post(users, second.toString());
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        Api.Response deleted = nordic.delete(users + "/" + firstAdministrator);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);

        String id = activation.get("id").asString();
        await("ACTIVATION e-mail CANCELLED").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(item(nordic.get(base).json(), "ACTIVATION").get("status").asString())
                        .isEqualTo("CANCELLED"));
        JsonNode details = nordic.get(base + "/" + id).json();
        JsonNode last = details.get("history").get(details.get("history").size() - 1);
        assertThat(last.get("event").asString()).isEqualTo("CANCELLED");
        assertThat(last.get("detail").asString()).isEqualTo("user " + firstAdministrator + " deleted");
        assertThat(welcome(nordic.get(base).json()).get("status").asString())
                .as("the welcome e-mail still goes out").isEqualTo("SCHEDULED");
    }

    private String completedOnboarding(ObjectNode request) {
        Api.Response accepted = nordic.post("/api/v1/onboardings", request.toString());
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode onboarding = await(accepted.location() + " COMPLETED").atMost(SAGA)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> nordic.get(accepted.location()).json(),
                        o -> "COMPLETED".equals(o.get("status").asString()));
        return onboarding.get("customerId").asString();
    }

    private static JsonNode welcome(JsonNode page) {
        return item(page, "WELCOME");
    }

    private static JsonNode item(JsonNode page, String template) {
        for (JsonNode item : page.get("items")) {
            if (template.equals(item.get("template").asString())) {
                return item;
            }
        }
        throw new AssertionError("no " + template + " e-mail in " + page);
    }

    /** The e-mail with this Message-ID (the notification id), if it arrived; an activation e-mail may come too. */
    private MimeMessage received(String messageId) {
        return Arrays.stream(suite.mail().getReceivedMessages()).filter(message -> {
            try {
                return messageId.equals(message.getMessageID());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElse(null);
    }

    private static String subject(MimeMessage mail) throws MessagingException {
        return mail.getSubject();
    }

    private static String rawSubject(MimeMessage mail) throws MessagingException {
        return mail.getHeader("Subject")[0];
    }
}
