package io.provisio.acceptance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
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
 * The partner console in a real browser (the machine's Chromium, driven by Playwright) against the five services as
 * processes and the real broker, through the gateway (ADR 024): a staff member signs in (authorization code + PKCE),
 * searches customers with and without accents, opens a customer and an onboarding's live timeline, cannot see another
 * partner's customer, and signs out. Each main screen is saved as a screenshot, under
 * {@code target/console-screenshots} or where {@code -Dprovisio.console.screenshots} says ({@code docs/console/}
 * holds the ones the README shows).
 */
@ExtendWith(Suite.class)
class ConsoleBrowserIT {

    private static final Duration SAGA = Duration.ofSeconds(60);
    private static final String NORDIC_AGENT = "agent@nordic-it.example";
    private static final String NORDIC_PASSWORD = "Harbour-Lantern-Quiet-47";
    private static final String NORDIC_ADMIN = "admin@nordic-it.example";
    private static final String NORDIC_ADMIN_PASSWORD = "Compass-Meadow-Silent-58";
    private static final String ALPINA_AGENT = "agent@alpina-it.example";
    private static final String ALPINA_PASSWORD = "Granite-Orchard-Wander-83";

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private Suite suite;
    private Api nordic;
    private BrowserContext browser;

    @BeforeEach
    void context() {
        suite = Suite.get();
        nordic = Api.nordic();
        browser = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setViewportSize(1200, 900));
    }

    @AfterEach
    void closeContext() {
        browser.close();
    }

    @Test
    void aStaffMemberSignsInAndFindsACustomerWithAndWithoutAccents() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        ((ObjectNode) request.get("customer")).put("companyName", "Fjällbacka Fiskrökeri " + suffix + " AB");
        String onboarding = started(nordic, request);
        String customerId = completed(nordic, onboarding);
        Page page = browser.newPage();

        Response console = page.navigate(suite.gatewayUrl + "/console/");

        assertThat(console.status()).isEqualTo(200);
        assertThat(console.headers().get("content-security-policy")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        page.waitForSelector("#sign-in");
        screenshot(page, "signed-out");
        page.click("#sign-in");
        page.waitForURL(url -> url.endsWith("/login"));
        assertThat(page.locator("h1").textContent()).isEqualTo("Sign in to the Provisio console");
        screenshot(page, "sign-in");

        // A wrong password first: the same page says so, and nothing is signed in.
        page.fill("#username", NORDIC_AGENT);
        page.fill("#password", "Not-The-Password-1");
        page.click("#submit");
        page.waitForURL(url -> url.endsWith("/login?error"));
        assertThat(page.locator("#error").isVisible()).isTrue();

        page.fill("#username", NORDIC_AGENT);
        page.fill("#password", NORDIC_PASSWORD);
        page.click("#submit");
        awaitCustomers(page);
        assertThat(page.url()).as("the code is gone from the address").doesNotContain("code=")
                .endsWith("/console/#/customers");
        assertThat(page.locator("#who-partner").textContent()).isEqualTo("Nordic IT Partner AB");
        assertThat(page.locator("#who-name").textContent()).isEqualTo("Partner agent");
        screenshot(page, "customers");

        search(page, "fjallbacka fiskrokeri " + suffix);
        assertThat(rows(page)).containsExactly(customerId);
        search(page, "FJÄLLBACKA Fiskrökeri " + suffix);
        assertThat(rows(page)).containsExactly(customerId);
        screenshot(page, "customers-search");
        search(page, "fjällbacka fiskrökeri " + suffix + " nothing");
        page.waitForSelector("#no-customers");

        page.waitForResponse(response -> response.url().contains("status=SUSPENDED"),
                () -> page.selectOption("#status-filter", "SUSPENDED"));
        awaitResults(page);
        assertThat(rows(page)).doesNotContain(customerId);

        page.navigate(suite.gatewayUrl + "/console/#/customers?q=" + suffix);
        awaitCustomers(page);
        page.click("tr[data-customer='" + customerId + "'] a");
        page.waitForSelector("#customer-details");
        assertThat(page.locator("h1").textContent()).isEqualTo("Fjällbacka Fiskrökeri " + suffix + " AB");
        assertThat(page.locator("#customer-account").textContent())
                .isEqualTo(request.get("customer").get("accountName").asString());
        assertThat(page.locator("#customer-status [data-status]").getAttribute("data-status")).isEqualTo("ACTIVE");
        assertThat(page.locator("#users tbody tr").count()).isEqualTo(1);
        assertThat(page.locator("#contacts tbody tr").count()).isEqualTo(request.get("contacts").size());
        assertThat(page.locator("#subscriptions tbody tr").count()).isEqualTo(request.get("plans").size());
        screenshot(page, "customer");
    }

    @Test
    void theTimelineFollowsAnOnboardingWithoutReloadingAndExplainsACompensation() throws Exception {
        Page page = signIn(NORDIC_AGENT, NORDIC_PASSWORD);
        String running = started(nordic, Onboardings.swedishCustomerWithHostedServices());

        page.navigate(suite.gatewayUrl + "/console/#/onboardings/" + running);

        // Polled, never reloaded: the page's own document stays while the steps move on.
        Object document = page.evaluate("() => { window.__sameDocument = true; return true; }");
        assertThat(document).isEqualTo(true);
        page.waitForSelector("#onboarding[data-status=COMPLETED]",
                new Page.WaitForSelectorOptions().setTimeout(SAGA.toMillis()));
        assertThat(page.evaluate("() => window.__sameDocument === true")).isEqualTo(true);
        assertThat(page.locator("#timeline li").all().stream().map(step -> step.getAttribute("data-status")))
                .containsOnly("SUCCEEDED").hasSize(5);
        screenshot(page, "timeline");

        String failing = started(nordic, Onboardings.swedishCustomerAskingForMoreLicencesThanInStock());
        page.navigate(suite.gatewayUrl + "/console/#/onboardings/" + failing);
        page.waitForSelector("#onboarding[data-status=FAILED]",
                new Page.WaitForSelectorOptions().setTimeout(SAGA.toMillis()));

        assertThat(page.locator("#failure").textContent()).contains("Assign plans and licences")
                .contains("not have enough licences");
        assertThat(page.locator("#timeline li[data-step=REGISTER_CUSTOMER]").getAttribute("data-status"))
                .isEqualTo("COMPENSATED");
        assertThat(page.locator("#timeline li[data-step=ASSIGN_PLANS]").getAttribute("data-status"))
                .isEqualTo("FAILED");
        screenshot(page, "timeline-failed");
    }

    @Test
    void anAgentOfOnePartnerCannotSeeAnotherPartnersCustomer() throws Exception {
        Api alpina = Api.alpina();
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        // Alpina holds no licences in the acceptance bootstrap: a customer without plans.
        request.putArray("plans");
        request.put("acceptPaidPlans", false);
        String alpinaCustomer = completed(alpina, started(alpina, request));
        String account = request.get("customer").get("accountName").asString();
        Page page = signIn(NORDIC_AGENT, NORDIC_PASSWORD);

        search(page, account);
        page.waitForSelector("#no-customers");
        page.navigate(suite.gatewayUrl + "/console/#/customers/" + alpinaCustomer);
        page.waitForSelector("#problem");

        assertThat(page.locator("#problem").textContent()).startsWith("Not found");
        assertThat(page.locator("#customer-details").count()).isZero();

        // Alpina's own agent sees it: the 404 above is the partner scoping, not a missing customer.
        BrowserContext other = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB"));
        try {
            Page alpinaPage = signIn(other, ALPINA_AGENT, ALPINA_PASSWORD);
            alpinaPage.navigate(suite.gatewayUrl + "/console/#/customers/" + alpinaCustomer);
            alpinaPage.waitForSelector("#customer-details");
            assertThat(alpinaPage.locator("#customer-account").textContent()).isEqualTo(account);
        } finally {
            other.close();
        }
    }

    @Test
    void signingOutEndsTheSessionSoSigningInAgainAsksForThePassword() throws Exception {
        Page page = signIn(NORDIC_AGENT, NORDIC_PASSWORD);

        page.click("#sign-out");
        page.waitForURL(url -> url.endsWith("/logout"));
        screenshot(page, "sign-out");
        page.click("#submit");
        page.waitForURL(url -> url.endsWith("/login?signed-out"));

        assertThat(page.locator("#signed-out").textContent()).isEqualTo("You have signed out.");
        assertThat(page.evaluate("() => sessionStorage.getItem('provisio.console.token')")).isNull();
        page.navigate(suite.gatewayUrl + "/console/");
        page.click("#sign-in");
        page.waitForURL(url -> url.endsWith("/login"));
        assertThat(page.locator("#login-form").isVisible()).as("asked for the password again").isTrue();
    }

    @Test
    void aStaffAdminManagesTheWebhooksAndAnAgentCannot() throws Exception {
        Page agent = signIn(NORDIC_AGENT, NORDIC_PASSWORD);
        assertThat(agent.locator("#nav a[data-route=webhooks]").isVisible()).as("no webhooks for an agent").isFalse();
        agent.navigate(suite.gatewayUrl + "/console/#/webhooks");
        agent.waitForSelector("#admins-only");

        BrowserContext adminContext = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setViewportSize(1200, 900));
        try {
            Page page = signIn(adminContext, NORDIC_ADMIN, NORDIC_ADMIN_PASSWORD);
            page.click("#nav a[data-route=webhooks]");
            page.waitForSelector("#results:not([aria-busy])");
            String url = "http://127.0.0.1:9/console-" + UUID.randomUUID();
            page.fill("#webhook-url", url);
            page.check("#event-activation-requested");
            page.click("#webhook-add");

            page.waitForSelector("#webhook-secret");
            assertThat(page.locator("#secret-value").textContent()).as("shown once, here").startsWith("whsec_");
            page.waitForSelector("#webhooks a:text('" + url + "')");
            screenshot(page, "webhooks");
            page.click("#webhooks a:text('" + url + "')");
            page.waitForSelector("#webhook-details");
            page.waitForSelector("#deliveries-none");
            assertThat(page.content()).as("the secret is never shown again").doesNotContain("whsec_");

            page.click("text=Back to webhooks");
            page.waitForSelector("#webhooks a:text('" + url + "')");
            page.locator("#webhooks tr", new Page.LocatorOptions().setHasText(url)).locator("button[data-remove]")
                    .click();
            page.click("#remove-webhook-confirm");
            page.waitForSelector("#webhooks a:text('" + url + "')",
                    new Page.WaitForSelectorOptions().setState(com.microsoft.playwright.options.WaitForSelectorState
                            .DETACHED));
        } finally {
            adminContext.close();
        }
    }

    /**
     * The customer page's actions and the tenant tree (ADR 028), in one short flow: a sub-customer shows under its
     * parent in the tree (mouse and arrow keys), its welcome e-mail is previewed and rescheduled (a past time refused at
     * the field first), and the customer is suspended and resumed, each after a confirmation that Escape cancels.
     */
    @Test
    void aStaffMemberFindsASubCustomerInTheTreeReschedulesItsWelcomeEmailAndSuspendsAndResumesIt() throws Exception {
        String parentOnboarding = started(nordic, Onboardings.swedishCustomerWithHostedServices());
        BrowserContext stockholm = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setTimezoneId("Europe/Stockholm").setViewportSize(1200, 900));
        try {
            // Signing in while the parent's saga runs keeps the flow short.
            Page page = signIn(stockholm, NORDIC_AGENT, NORDIC_PASSWORD);
            String parentId = completed(nordic, parentOnboarding);
            // Due a month ahead on both notification-service's test clock (only ever moved forward) and ours.
            Instant notificationNow = suite.advanceClock("notification-service", Duration.ZERO);
            Instant sendAt = (notificationNow.isAfter(Instant.now()) ? notificationNow : Instant.now())
                    .plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MINUTES);
            ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
            ((ObjectNode) request.get("customer")).put("parentCustomerId", parentId);
            ((ObjectNode) request.get("welcomeEmail")).put("sendAt", sendAt.toString());
            String childId = completed(nordic, started(nordic, request));

            page.navigate(suite.gatewayUrl + "/console/#/tree");
            String parent = "#tenant-tree li[data-customer='" + parentId + "']";
            String child = parent + " li[data-customer='" + childId + "']";
            page.waitForSelector(parent);
            assertThat(page.locator("#tree-body").textContent()).doesNotContain("null");
            assertThat(page.locator(child).isVisible()).as("closed until opened").isFalse();
            page.click(parent + " > .tree-toggle");
            page.waitForSelector(child);
            assertThat(page.locator(parent + " > .tree-toggle").getAttribute("aria-expanded")).isEqualTo("true");
            page.focus(parent + " > .tree-label > .tree-link");
            page.keyboard().press("ArrowDown");
            assertThat(page.evaluate("() => document.activeElement.closest('li').dataset.customer")).isEqualTo(childId);
            screenshot(page, "tenant-tree");
            page.keyboard().press("Enter");
            page.waitForSelector("#emails-table");
            assertThat(page.url()).endsWith("#/customers/" + childId);

            String welcome = "#emails-table tr[data-template=WELCOME]";
            assertThat(page.locator(welcome + " td.send-at").getAttribute("data-send-at")).isEqualTo(sendAt.toString());
            page.click(welcome + " [data-action=preview]");
            page.waitForSelector("#preview #preview-html[sandbox='']");
            assertThat(page.locator("#preview-text").textContent()).contains("Testbolag AB");
            screenshot(page, "email-preview");
            page.click("#preview-confirm");

            page.click(welcome + " [data-action=reschedule]");
            page.fill("#reschedule-at", "2020-01-01T08:00");
            page.click("#reschedule-confirm");
            assertThat(page.locator("#reschedule-error").textContent()).isEqualTo("The send time must be in the future.");
            assertThat(page.locator("#reschedule-at").getAttribute("aria-invalid")).isEqualTo("true");
            Instant later = sendAt.plus(Duration.ofDays(1)).plus(Duration.ofHours(2));
            page.fill("#reschedule-at", later.atZone(ZoneId.of("Europe/Stockholm")).toLocalDateTime().toString());
            page.click("#reschedule-confirm");
            page.waitForSelector(welcome + " td.send-at[data-send-at='" + later + "']");
            assertThat(page.locator("#emails-message").textContent()).startsWith("The e-mail is now due");
            screenshot(page, "customer-emails");
            JsonNode stored = nordic.get("/api/v1/customers/" + childId + "/notifications").json().get("items");
            assertThat(stored.valueStream().filter(mail -> "WELCOME".equals(mail.get("template").asString()))
                    .map(mail -> mail.get("sendAt").asString())).containsExactly(later.toString());

            page.click("#suspend");
            page.waitForSelector("#suspension-dialog[open]");
            screenshot(page, "suspend-confirm");
            page.keyboard().press("Escape");
            page.waitForSelector("#suspension-dialog", new Page.WaitForSelectorOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
            assertThat(page.evaluate("() => document.activeElement.id")).as("focus back on the button")
                    .isEqualTo("suspend");
            assertThat(nordic.get("/api/v1/customers/" + childId).json().get("status").asString()).isEqualTo("ACTIVE");
            page.click("#suspend");
            page.click("#suspension-dialog-confirm");
            page.waitForSelector("#customer-status [data-status=SUSPENDED]");
            assertThat(nordic.get("/api/v1/customers/" + childId).json().get("status").asString())
                    .isEqualTo("SUSPENDED");
            page.click("#resume");
            page.click("#suspension-dialog-confirm");
            page.waitForSelector("#customer-status [data-status=ACTIVE]");
            assertThat(page.locator("#suspension-message").textContent()).isEqualTo("The customer is active again.");
            assertThat(nordic.get("/api/v1/customers/" + childId).json().get("status").asString()).isEqualTo("ACTIVE");
        } finally {
            stockholm.close();
        }
    }

    // --- helpers ---

    private Page signIn(String username, String password) {
        return signIn(browser, username, password);
    }

    private Page signIn(BrowserContext context, String username, String password) {
        Page page = ConsolePages.signIn(context, suite.gatewayUrl, username, password);
        awaitResults(page);
        return page;
    }

    private static void awaitCustomers(Page page) {
        page.waitForSelector("body[data-ready=true]");
        awaitResults(page);
    }

    /** Searches and waits for the list the API answered (every search here differs from the one before). */
    private static void search(Page page, String text) {
        page.fill("#search", text);
        page.waitForResponse(response -> response.url().contains("/api/v1/customers?")
                && response.url().contains("q="), () -> page.click("#search-submit"));
        awaitResults(page);
    }

    private static void awaitResults(Page page) {
        page.waitForSelector("#results:not([aria-busy]) #customers, #results:not([aria-busy]) #no-customers");
    }

    private static List<String> rows(Page page) {
        return page.locator("#customers tbody tr").all().stream().map(row -> row.getAttribute("data-customer"))
                .toList();
    }

    private static String started(Api partner, ObjectNode request) {
        Api.Response accepted = partner.post("/api/v1/onboardings", request.toString());
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return accepted.json().get("id").asString();
    }

    private static String completed(Api partner, String onboarding) {
        JsonNode done = await(onboarding + " COMPLETED").atMost(SAGA).pollInterval(Duration.ofMillis(100))
                .until(() -> partner.get("/api/v1/onboardings/" + onboarding).json(),
                        o -> "COMPLETED".equals(o.get("status").asString()));
        return done.get("customerId").asString();
    }

    private static void screenshot(Page page, String screen) throws Exception {
        ConsolePages.screenshot(page, screen);
    }
}
