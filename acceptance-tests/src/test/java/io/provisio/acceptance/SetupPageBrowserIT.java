package io.provisio.acceptance;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delegated setup end to end through the gateway (ADR 023): an onboarding hands setup to the customer's IT contact;
 * the "Configure now" e-mail reaches the SMTP sink; notification's test clock passes a day and the partner's desk
 * gets the escalation while the customer shows {@code escalatedAt}; the contact opens the link in Chromium, sets the
 * administrator's password with the live check, confirms, and the customer turns SETUP_DONE.
 */
@ExtendWith(Suite.class)
class SetupPageBrowserIT {

    private static final Duration SAGA = Duration.ofSeconds(60);
    private static final String PARTNER_DESK = "partner-desk@nordic-it.example";
    private static final Pattern SETUP_URL = Pattern.compile("https?://[^\\s\"<>]+/setup\\?token=[A-Za-z0-9_-]{43}");

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @Test
    void theContactConfiguresTheOrganizationAfterThePartnerWasEscalatedTo() throws Exception {
        Suite suite = Suite.get();
        Api nordic = Api.nordic();
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        String contact = "it-" + UUID.randomUUID().toString().substring(0, 8) + "@testbolag.se";
        String company = request.get("customer").get("companyName").asString();
        request.putObject("setup").put("by", "CUSTOMER").put("contactEmail", contact)
                .put("startDate", LocalDate.now(ZoneOffset.UTC).toString());
        request.putArray("plans");
        request.put("acceptPaidPlans", false);
        Api.Response accepted = nordic.post("/api/v1/onboardings", request.toString());
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String customerId = await(accepted.location() + " COMPLETED").atMost(SAGA).pollInterval(Duration.ofMillis(100))
                .until(() -> nordic.get(accepted.location()).json(),
                        o -> "COMPLETED".equals(o.get("status").asString()))
                .get("customerId").asString();
        String customer = "/api/v1/customers/" + customerId;

        String link = await("Configure now e-mail to " + contact).atMost(SAGA).pollInterval(Duration.ofMillis(250))
                .until(() -> setupLink(suite, contact), Objects::nonNull);
        assertThat(link).startsWith(suite.gatewayUrl + "/setup?token=");
        assertThat(nordic.get(customer).json().get("setup").get("status").asString()).isEqualTo("SETUP_PENDING");

        // A day after the start: the partner's desk is told, by e-mail, and the customer shows when.
        suite.advanceClock("notification-service", Duration.ofDays(1).plusMinutes(1));
        MimeMessage escalation = await("escalation to the partner").atMost(SAGA).pollInterval(Duration.ofMillis(250))
                .until(() -> Mails.to(suite.mail().getReceivedMessages(), PARTNER_DESK).stream()
                        .filter(mail -> subject(mail).contains("Setup of " + company)).findFirst().orElse(null),
                        Objects::nonNull);
        assertThat(Mails.text(escalation.getContent())).contains(customerId)
                .doesNotContain(link.substring(link.indexOf("token=") + 6));
        await("escalatedAt").atMost(SAGA).pollInterval(Duration.ofMillis(250))
                .until(() -> nordic.get(customer).json().get("setup").get("escalatedAt"), at -> !at.isNull());

        try (BrowserContext browser = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB"))) {
            Page page = browser.newPage();
            Response opened = page.navigate(link);
            assertThat(opened.status()).isEqualTo(200);
            assertThat(opened.headers().get("content-security-policy")).contains("frame-ancestors 'none'");
            assertThat(opened.headers().get("referrer-policy")).isEqualTo("no-referrer");
            assertThat(opened.headers().get("cache-control")).isEqualTo("no-store");
            assertThat(page.locator("html").getAttribute("lang")).isEqualTo("sv");
            assertThat(page.locator("h1").textContent()).isEqualTo("Konfigurera din organisation");
            assertThat(page.locator("#subdomain").textContent())
                    .isEqualTo(request.get("customer").get("accountName").asString() + ".provisio.cloud");
            page.waitForSelector("#activation-form[data-enhanced=true]");

            page.fill("#password", "kort");
            page.waitForSelector("#rules li.broken[data-rule=MIN_LENGTH]");
            page.fill("#confirmation", "kort");
            Response refused = submit(page);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(page.locator("#errors li[data-missing]").count()).isEqualTo(3);

            page.fill("#password", Onboardings.STRONG_PASSWORD);
            page.fill("#confirmation", Onboardings.STRONG_PASSWORD);
            page.check("input[name=confirmDetails]");
            page.check("input[name=confirmSubdomain]");
            page.check("input[name=confirmServices]");
            Response done = submit(page);

            assertThat(done.status()).isEqualTo(200);
            assertThat(page.locator("h1").textContent()).isEqualTo("Konfigurationen är klar");
            assertThat(page.navigate(link).status()).as("the link works once").isEqualTo(409);
        }
        JsonNode setup = await("SETUP_DONE").atMost(SAGA).pollInterval(Duration.ofMillis(250))
                .until(() -> nordic.get(customer).json().get("setup"),
                        s -> "SETUP_DONE".equals(s.get("status").asString()));
        assertThat(setup.get("completedAt").isNull()).isFalse();
        assertThat(nordic.get(customer + "/users").json().get("items").get(0).get("status").asString())
                .isEqualTo("ACTIVE");
    }

    /**
     * ADR 026: the contact chooses another sub-domain. Without JavaScript a taken name is refused at the field on
     * submit and nothing is written; with it, the live check shows the taken name as taken with suggestions, the
     * contact takes a suggestion, which is available, submits, and the customer's sub-domain is the new one, the old
     * one free again.
     */
    @Test
    void theContactChoosesAnotherSubdomainWithTheLiveCheckAndATakenOneIsRefusedWithoutJavaScript() throws Exception {
        Suite suite = Suite.get();
        Api nordic = Api.nordic();
        ObjectNode holding = Onboardings.swedishCustomerWithHostedServices();
        holding.putArray("plans");
        holding.put("acceptPaidPlans", false);
        String taken = holding.get("customer").get("accountName").asString();
        completed(nordic, holding);

        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        String account = request.get("customer").get("accountName").asString();
        String contact = "it-" + UUID.randomUUID().toString().substring(0, 8) + "@testbolag.se";
        request.putObject("setup").put("by", "CUSTOMER").put("contactEmail", contact)
                .put("startDate", LocalDate.now(ZoneOffset.UTC).toString());
        request.putArray("plans");
        request.put("acceptPaidPlans", false);
        String customer = "/api/v1/customers/" + completed(nordic, request);
        assertThat(nordic.get(customer).json().get("subdomain").asString()).isEqualTo(account + ".provisio.cloud");
        String link = await("Configure now e-mail to " + contact).atMost(SAGA).pollInterval(Duration.ofMillis(250))
                .until(() -> setupLink(suite, contact), Objects::nonNull);

        try (BrowserContext noScript = chromium.browser.newContext(new Browser.NewContextOptions()
                .setLocale("en-GB").setJavaScriptEnabled(false))) {
            Page page = noScript.newPage();
            assertThat(page.navigate(link).status()).isEqualTo(200);
            page.fill("#subdomain-name", taken);
            fillEverythingElse(page);
            Response refused = submit(page);

            assertThat(refused.status()).isEqualTo(422);
            assertThat(page.locator("#errors li[data-subdomain=TAKEN]").count()).isEqualTo(1);
            assertThat(page.locator("#subdomain-status").getAttribute("data-state")).isEqualTo("TAKEN");
            assertThat(page.locator("#subdomain-suggestions li").first().getAttribute("data-name"))
                    .isEqualTo(taken + "-2");
            assertThat(page.inputValue("#subdomain-name")).isEqualTo(taken);
        }
        assertThat(nordic.get(customer).json().get("setup").get("status").asString())
                .as("nothing written").isEqualTo("SETUP_PENDING");
        assertThat(nordic.get(customer).json().get("subdomain").asString()).isEqualTo(account + ".provisio.cloud");

        try (BrowserContext browser = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB"))) {
            Page page = browser.newPage();
            assertThat(page.navigate(link).status()).isEqualTo(200);
            page.waitForSelector("#subdomain-field[data-enhanced=true]");
            assertThat(page.inputValue("#subdomain-name")).isEqualTo(account);
            page.fill("#subdomain-name", taken);
            page.waitForSelector("#subdomain-status[data-state=TAKEN]");
            page.click("#subdomain-suggestions button[data-name=" + taken + "-2]");
            page.waitForSelector("#subdomain-status[data-state=AVAILABLE]");
            assertThat(page.inputValue("#subdomain-name")).isEqualTo(taken + "-2");
            fillEverythingElse(page);
            Response done = submit(page);

            assertThat(done.status()).isEqualTo(200);
            assertThat(page.locator("#subdomain").textContent()).isEqualTo(taken + "-2.provisio.cloud");
        }
        JsonNode shown = await("SETUP_DONE").atMost(SAGA).pollInterval(Duration.ofMillis(250))
                .until(() -> nordic.get(customer).json(),
                        c -> "SETUP_DONE".equals(c.get("setup").get("status").asString()));
        assertThat(shown.get("subdomain").asString()).isEqualTo(taken + "-2.provisio.cloud");
        assertThat(shown.get("setup").get("subdomain").asString()).isEqualTo(taken + "-2.provisio.cloud");
        // Released: another partner may have it (for nordic-it its completed onboarding still reserves the name).
        JsonNode freed = Api.alpina().get("/api/v1/subdomains/" + account).json();
        assertThat(freed.get("available").asBoolean()).as("the old sub-domain is released").isTrue();
    }

    private static void fillEverythingElse(Page page) {
        page.fill("#password", Onboardings.STRONG_PASSWORD);
        page.fill("#confirmation", Onboardings.STRONG_PASSWORD);
        page.check("input[name=confirmDetails]");
        page.check("input[name=confirmSubdomain]");
        page.check("input[name=confirmServices]");
    }

    /** Starts the onboarding and waits for it to complete; its customer's id. */
    private static String completed(Api partner, ObjectNode request) {
        Api.Response accepted = partner.post("/api/v1/onboardings", request.toString());
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return await(accepted.location() + " COMPLETED").atMost(SAGA).pollInterval(Duration.ofMillis(100))
                .until(() -> partner.get(accepted.location()).json(),
                        o -> "COMPLETED".equals(o.get("status").asString()))
                .get("customerId").asString();
    }

    private static String setupLink(Suite suite, String to) throws Exception {
        for (MimeMessage mail : Mails.to(suite.mail().getReceivedMessages(), to)) {
            Matcher matcher = SETUP_URL.matcher(Mails.text(mail.getContent()));
            if (matcher.find()) {
                return matcher.group();
            }
        }
        return null;
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            return "";
        }
    }

    private static Response submit(Page page) {
        Response answer = page.waitForResponse(response -> response.request().isNavigationRequest()
                && "POST".equals(response.request().method()), () -> page.click("#submit"));
        page.waitForLoadState();
        return answer;
    }
}
