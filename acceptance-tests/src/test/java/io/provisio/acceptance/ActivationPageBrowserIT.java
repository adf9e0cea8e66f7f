package io.provisio.acceptance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The activation page in a real browser (the machine's Chromium, driven by Playwright), through the gateway: the
 * link is read from the e-mail that reached the SMTP sink and opened as the administrator would, the form is
 * filled in with and without JavaScript, and the user the API lists turns ACTIVE. Each page state is saved as a
 * screenshot, under {@code target/activation-screenshots} or where {@code -Dprovisio.screenshots} says
 * ({@code docs/activation/} holds the ones the READMEs show).
 */
@ExtendWith(Suite.class)
class ActivationPageBrowserIT {

    private static final Duration SAGA = Duration.ofSeconds(60);
    private static final String STRONG = Onboardings.STRONG_PASSWORD;
    /** The partner's notification address in the acceptance bootstrap. */
    private static final String PARTNER_DESK = "partner-desk@nordic-it.example";

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private Suite suite;
    private Api nordic;
    private BrowserContext withScript;
    private BrowserContext withoutScript;

    @BeforeEach
    void contexts() {
        suite = Suite.get();
        nordic = Api.nordic();
        withScript = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setViewportSize(900, 1000));
        withoutScript = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setViewportSize(900, 1000).setJavaScriptEnabled(false));
    }

    @AfterEach
    void closeContexts() {
        withScript.close();
        withoutScript.close();
    }

    @Test
    void anAdministratorSetsAPasswordWithLiveFeedbackAndBecomesActive() throws Exception {
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        String email = request.get("administrator").get("email").asString();
        String domain = request.get("customer").get("domains").get(0).asString();
        String customerId = completed(request);
        String link = awaitLink(email);
        assertThat(link).startsWith(suite.gatewayUrl + "/activate?token=");
        Page page = withScript.newPage();

        Response opened = page.navigate(link);

        assertThat(opened.status()).isEqualTo(200);
        assertEdgeHeaders(opened);
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("sv");
        assertThat(page.locator("h1").textContent()).isEqualTo("Välj ditt lösenord");
        assertThat(page.locator("#organization").textContent()).isEqualTo(request.get("customer")
                .get("companyName").asString());
        assertThat(page.locator("#upn").textContent()).isEqualTo("bengt.testsson@" + domain);
        assertThat(page.locator("#rules li").count()).isEqualTo(5);
        page.waitForSelector("#activation-form[data-enhanced=true]");
        screenshot(page, "form");

        // Live feedback: the script asks the server, which judges with the activation's policy and words.
        page.fill("#password", "bengt2024");
        page.waitForSelector("#rules li.broken[data-rule=MIN_LENGTH]");
        page.waitForSelector("#rules li.broken[data-rule=NOT_OWN_WORDS]");
        assertThat(page.locator("#live").textContent()).matches("Uppfyllda regler: [0-3] av 5");
        page.fill("#confirmation", "bengt2025");
        screenshot(page, "form-feedback");

        Response refused = submit(page, "#submit");

        assertThat(refused.status()).isEqualTo(422);
        List<String> broken = page.locator("#errors li").all().stream().map(li -> li.getAttribute("data-rule"))
                .toList();
        assertThat(broken).contains("MIN_LENGTH", "NOT_OWN_WORDS", "CONFIRMATION");
        assertThat(page.locator("#rules li.broken").all().stream().map(li -> li.getAttribute("data-rule")).toList())
                .as("the list marks exactly the rules the errors name")
                .containsExactlyElementsOf(broken.stream().filter(rule -> !rule.equals("CONFIRMATION")).toList());
        assertThat(page.content()).doesNotContain("bengt2024");
        assertThat(userStatus(customerId)).isEqualTo("INVITED");
        screenshot(page, "form-errors");

        page.fill("#password", STRONG);
        // The rules the refused password broke turn green once the script has the server's answer.
        page.waitForSelector("#rules li.met[data-rule=MIN_LENGTH]");
        page.waitForSelector("#rules li.met[data-rule=NOT_OWN_WORDS]");
        assertThat(page.locator("#rules li.broken").count()).isZero();
        page.fill("#confirmation", STRONG);
        Response done = submit(page, "#submit");

        assertThat(done.status()).isEqualTo(200);
        assertThat(page.locator("h1").textContent()).isEqualTo("Ditt konto är aktiverat");
        assertThat(page.locator("#upn").textContent()).isEqualTo("bengt.testsson@" + domain);
        assertThat(page.locator("#sign-in").getAttribute("href")).isEqualTo("https://portal.provisio.cloud/");
        assertThat(userStatus(customerId)).isEqualTo("ACTIVE");
        screenshot(page, "success");

        Response again = page.navigate(link);

        assertThat(again.status()).isEqualTo(409);
        assertEdgeHeaders(again);
        assertThat(page.locator("h1").textContent()).isEqualTo("Länken har redan använts");
        assertThat(page.locator("#activation-form").count()).isZero();
        screenshot(page, "used");
    }

    @Test
    void theFormWorksWithoutJavaScript() throws Exception {
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        String customerId = completed(request);
        String link = awaitLink(request.get("administrator").get("email").asString());
        Page page = withoutScript.newPage();

        assertThat(page.navigate(link).status()).isEqualTo(200);
        assertThat(page.locator("#activation-form").getAttribute("data-enhanced")).as("no script ran").isNull();
        page.fill("#password", "kort");
        page.fill("#confirmation", "kort");
        Response refused = submit(page, "#submit");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(page.locator("#errors li[data-rule=MIN_LENGTH]").count()).isEqualTo(1);
        assertThat(userStatus(customerId)).isEqualTo("INVITED");

        page.fill("#password", STRONG);
        page.fill("#confirmation", STRONG);
        Response done = submit(page, "#submit");

        assertThat(done.status()).isEqualTo(200);
        assertThat(page.locator("h1").textContent()).isEqualTo("Ditt konto är aktiverat");
        assertThat(userStatus(customerId)).isEqualTo("ACTIVE");
    }

    @Test
    void anUnknownLinkHasItsOwnPageAndNoJsonOr401() throws Exception {
        Page page = withScript.newPage();

        Response unknown = page.navigate(suite.gatewayUrl + "/activate?token=" + "x".repeat(43));

        assertThat(unknown.status()).isEqualTo(404);
        assertEdgeHeaders(unknown);
        assertThat(unknown.headers()).doesNotContainKey("www-authenticate");
        assertThat(page.locator("html").getAttribute("lang")).as("the browser's language").isEqualTo("en");
        assertThat(page.locator("h1").textContent()).isEqualTo("This link is not valid");
        screenshot(page, "unknown");
    }

    @Test
    void anExpiredLinkAsksThePartnerForANewOneByEmail() throws Exception {
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        String domain = request.get("customer").get("domains").get(0).asString();
        String customerId = completed(request);
        String link = awaitLink(request.get("administrator").get("email").asString());
        // The activation TTL is 72 h; identity's clock only moves forward, for every test of the run.
        suite.advanceClock("identity-service", Duration.ofHours(73));
        Page page = withScript.newPage();

        Response expired = page.navigate(link);

        assertThat(expired.status()).isEqualTo(410);
        assertEdgeHeaders(expired);
        assertThat(page.locator("h1").textContent()).isEqualTo("Länken har gått ut");
        screenshot(page, "expired");

        Response asked = submit(page, "#ask");

        assertThat(asked.status()).isEqualTo(200);
        assertThat(page.locator("h1").textContent()).isEqualTo("Din begäran har skickats vidare");
        screenshot(page, "requested");
        String upn = "bengt.testsson@" + domain;
        MimeMessage toPartner = await("e-mail to the partner about " + upn).atMost(SAGA)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Mails.to(suite.mail().getReceivedMessages(), PARTNER_DESK).stream()
                        .filter(mail -> mentions(mail, upn)).findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(toPartner.getSubject()).isEqualTo(upn + " asks for a new activation link");
        assertThat(Mails.text(toPartner.getContent())).contains("/api/v1/customers/" + customerId + "/users/")
                .doesNotContain(link.substring(link.indexOf("token=") + 6));

        // Asking again (a reload, a second click) announces nothing more: still one e-mail, the page says so.
        page.navigate(link);
        assertThat(page.locator("#already-asked").count()).isEqualTo(1);
        assertThat(page.locator("#ask").count()).isZero();
        // The partner sends the new link the e-mail asked for.
        Api.Response resent = nordic.post("/api/v1/customers/" + customerId + "/users/" + userId(customerId)
                + "/activation", "");
        assertThat(resent.status()).as(resent.text()).isEqualTo(202);
        assertThat(Mails.to(suite.mail().getReceivedMessages(), PARTNER_DESK).stream()
                .filter(mail -> mentions(mail, upn)).count()).isEqualTo(1);
    }

    @Test
    void theTokenInTheLinkNeverReachesATrace() throws Exception {
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        completed(request);
        String link = awaitLink(request.get("administrator").get("email").asString());
        String token = link.substring(link.indexOf("token=") + 6);
        Page page = withScript.newPage();
        page.navigate(link);
        page.fill("#password", "weak");
        page.waitForSelector("#rules li.broken[data-rule=MIN_LENGTH]");

        // Wait until the gateway's and identity's spans of this page's requests were exported, then look at all.
        await("spans of the activation page").atMost(SAGA).pollInterval(Duration.ofMillis(500)).until(() ->
                suite.spans().all().stream().filter(span -> span.attributes().values().stream()
                        .anyMatch(value -> value.contains("/activate/check"))).map(SpanCollector.ReceivedSpan::service)
                        .distinct().count() >= 2);
        assertThat(suite.spans().all()).allSatisfy(span -> assertThat(span.attributes().values())
                .as(span.service() + " " + span.name()).noneMatch(value -> value.contains(token)));
    }

    private static void assertEdgeHeaders(Response response) {
        Map<String, String> headers = response.headers();
        assertThat(headers.get("content-type")).startsWith("text/html");
        assertThat(headers.get("content-security-policy")).contains("frame-ancestors 'none'", "script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(headers.get("referrer-policy")).isEqualTo("no-referrer");
        assertThat(headers.get("cache-control")).isEqualTo("no-store");
    }

    /** Clicks and waits for the page the form's POST answered. */
    private static Response submit(Page page, String button) {
        Response answer = page.waitForResponse(response -> response.request().isNavigationRequest()
                && "POST".equals(response.request().method()), () -> page.click(button));
        page.waitForLoadState();
        return answer;
    }

    private static boolean mentions(MimeMessage mail, String text) {
        try {
            return mail.getSubject().contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    private static void screenshot(Page page, String state) throws Exception {
        Path directory = Path.of(System.getProperty("provisio.screenshots", "target/activation-screenshots"));
        Files.createDirectories(directory);
        page.screenshot(new Page.ScreenshotOptions().setPath(directory.resolve(state + ".png")).setFullPage(true));
    }

    private String completed(ObjectNode request) {
        request.putArray("plans");
        request.put("acceptPaidPlans", false);
        Api.Response accepted = nordic.post("/api/v1/onboardings", request.toString());
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return await(accepted.location() + " COMPLETED").atMost(SAGA).pollInterval(Duration.ofMillis(100))
                .until(() -> nordic.get(accepted.location()).json(),
                        o -> "COMPLETED".equals(o.get("status").asString()))
                .get("customerId").asString();
    }

    private String awaitLink(String to) {
        return await("activation e-mail to " + to).atMost(SAGA).pollInterval(Duration.ofMillis(250))
                .until(() -> Mails.activationLinks(suite.mail().getReceivedMessages(), to), links -> !links.isEmpty())
                .getLast();
    }

    private JsonNode user(String customerId) {
        return nordic.get("/api/v1/customers/" + customerId + "/users").json().get("items").get(0);
    }

    private String userStatus(String customerId) {
        return user(customerId).get("status").asString();
    }

    private String userId(String customerId) {
        return user(customerId).get("id").asString();
    }
}
