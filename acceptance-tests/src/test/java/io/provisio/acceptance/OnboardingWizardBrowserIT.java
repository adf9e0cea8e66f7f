package io.provisio.acceptance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.TimeoutError;
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
 * The console's onboarding wizard and drafts (ADR 027) in Chromium against the five services and the real broker:
 * one attempt the dry run finds full of mistakes (customer-service's, identity's and subscription's, all shown at
 * once, at their fields and in the summary), then the corrected request starts and its timeline reaches COMPLETED;
 * and a draft saved, the session ended, signed in again, resumed and submitted, whose licences run out between the
 * dry run and the start (the operator lowers the inventory, as another sale would), so its timeline shows the
 * compensation step by step. Screenshots of the wizard and the drafts go where {@link ConsoleBrowserIT}'s go.
 */
@ExtendWith(Suite.class)
class OnboardingWizardBrowserIT {

    private static final Duration SAGA = Duration.ofSeconds(60);
    private static final String AGENT = "agent@nordic-it.example";
    private static final String PASSWORD = "Harbour-Lantern-Quiet-47";
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

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
                .setViewportSize(1200, 900).setTimezoneId("Europe/Stockholm"));
    }

    @AfterEach
    void closeContext() {
        browser.close();
    }

    @Test
    void showsEveryProblemOfTheDryRunAtItsFieldThenStartsTheCorrectedOnboardingAndFollowsItToCompleted()
            throws Exception {
        // An administrator e-mail identity already knows, for identity's own answer in the dry run.
        ObjectNode existing = Onboardings.swedishCustomerWithHostedServices();
        Api.Response accepted = nordic.post("/api/v1/onboardings", existing.toString());
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String takenEmail = existing.get("administrator").get("email").asString();
        Page page = signIn();
        await("the existing onboarding").atMost(SAGA).until(() -> nordic.get("/api/v1/onboardings/"
                + accepted.json().get("id").asString()).json().get("status").asString(), "COMPLETED"::equals);
        String suffix = UUID.randomUUID().toString().substring(0, 8);

        page.navigate(suite.gatewayUrl + "/console/#/onboard");
        page.waitForSelector("#wizard");
        assertThat(page.locator("#nav a[aria-current=page]").textContent()).isEqualTo("New onboarding");
        page.fill("#f-customer-companyName", "Västkustens Fiske " + suffix + " AB");
        page.fill("#f-customer-accountName", "Vastkust_" + suffix);
        page.fill("#f-customer-address-city", "Göteborg");
        page.fill("#f-customer-address-country", "Sverige");
        page.selectOption("#f-customer-locale", "sv-SE");
        screenshot(page, "wizard");
        page.click("#next");
        page.fill("#f-administrator-firstName", "Sara");
        page.fill("#f-administrator-lastName", "Ström");
        page.fill("#f-administrator-username", "sara.strom." + suffix);
        page.fill("#f-administrator-email", takenEmail);
        // The one contact row stays empty: no SITE_ADMIN contact.
        page.click("#next");
        int available = Integer.parseInt(page.locator("tr[data-plan=HOSTED-EXCHANGE] [data-available]")
                .getAttribute("data-available"));
        // More than the inventory has, and a paid plan not accepted.
        page.fill("#f-plan-CUSTOMER-PORTAL-units", "1");
        page.fill("#f-plan-HOSTED-EXCHANGE-units", String.valueOf(available + 1));
        screenshot(page, "wizard-plans");
        page.click("#submit");

        page.waitForSelector("#error-summary:not([hidden])");
        List<String> fields = page.locator("#error-list li").all().stream().map(li -> li.getAttribute("data-field"))
                .toList();
        List<String> sources = page.locator("#error-list li").all().stream()
                .map(li -> li.getAttribute("data-source")).toList();
        List<String> codes = page.locator("#error-list li").all().stream().map(li -> li.getAttribute("data-code"))
                .toList();
        assertThat(fields).contains("customer.accountName", "customer.address.country", "administrator.email",
                "contacts", "acceptPaidPlans").anyMatch(field -> field.matches("plans\\[\\d]\\.units"));
        assertThat(codes).contains("ADMIN_EMAIL_IN_USE", "INSUFFICIENT_LICENSES", "PAID_PLANS_NOT_ACCEPTED");
        assertThat(sources).contains("customer-service", "identity-service", "subscription-service");
        assertThat(page.evaluate("() => document.activeElement.id")).as("focus on the summary")
                .isEqualTo("error-summary");
        // Every problem is at its field too, on whichever step it is: marked invalid and described by its message.
        for (String id : List.of("f-customer-accountName", "f-customer-address-country", "f-administrator-email",
                "f-plan-HOSTED-EXCHANGE-units", "f-acceptPaidPlans")) {
            assertThat(page.locator("#" + id).getAttribute("aria-invalid")).as(id).isEqualTo("true");
            assertThat(page.locator("#" + id).getAttribute("aria-describedby")).as(id).contains(id + "-error");
            assertThat(page.locator("#" + id + "-error").textContent()).as(id).isNotBlank();
        }
        assertThat(page.locator("#f-contacts-error").textContent()).contains("SITE_ADMIN");
        assertThat(page.locator("#step-1-problems").textContent()).contains("to fix");
        screenshot(page, "wizard-errors");

        // The summary's link takes the keyboard to the field, on its step.
        page.click("#error-list li[data-field='customer.accountName'] a");
        assertThat(page.locator("#step-1").isVisible()).isTrue();
        assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("f-customer-accountName");
        page.fill("#f-customer-accountName", "vastkust-" + suffix);
        page.fill("#f-customer-address-country", "SE");
        page.click("#next");
        page.fill("#f-administrator-email", "sara.strom@vastkust-" + suffix + ".se");
        page.fill("#f-contacts-0-name", "Karin Lund");
        page.fill("#f-contacts-0-email", "karin.lund@vastkust-" + suffix + ".se");
        page.click("#next");
        page.fill("#f-plan-CUSTOMER-PORTAL-units", "1");
        page.fill("#f-plan-HOSTED-EXCHANGE-units", "5");
        page.check("#f-acceptPaidPlans");
        page.check("#f-welcome-later");
        // A month ahead at 08:30 in Stockholm, typed in the browser's (Stockholm's) time.
        ZonedDateTime welcome = LocalDate.now(STOCKHOLM).plusDays(30).atTime(8, 30).atZone(STOCKHOLM);
        page.fill("#f-welcomeEmail-sendAt", welcome.toLocalDateTime().toString());
        page.selectOption("#f-welcomeEmail-language", "sv");
        page.click("#submit");

        awaitTimeline(page);
        page.waitForSelector("#onboarding[data-status=COMPLETED]",
                new Page.WaitForSelectorOptions().setTimeout(SAGA.toMillis()));
        String onboarding = page.url().substring(page.url().indexOf("#/onboardings/") + "#/onboardings/".length());
        JsonNode started = nordic.get("/api/v1/onboardings/" + onboarding).json();
        assertThat(started.get("accountName").asString()).isEqualTo("vastkust-" + suffix);
        JsonNode mails = nordic.get("/api/v1/customers/" + started.get("customerId").asString() + "/notifications")
                .json().get("items");
        assertThat(mails.findValuesAsString("sendAt").stream().map(Instant::parse)).contains(welcome.toInstant());
        assertThat(mails.findValuesAsString("language")).contains("sv");
    }

    @Test
    void aDraftSavedBeforeSigningOutIsResumedAndSubmittedAndItsLicenceFailureIsUndoneStepByStep() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // A plan of its own, so that lowering its inventory disturbs no other test.
        String plan = "WIZARD-" + suffix.toUpperCase();
        Api operator = Api.operator();
        Api.Response created = operator.put("/api/v1/operator/plans/" + plan, "{\"name\": \"Wizard Backup " + suffix
                + "\", \"unitType\": \"DEVICE\", \"minUnits\": 1, \"maxUnits\": 100, \"paid\": false, "
                + "\"requires\": []}");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String inventory = "/api/v1/operator/partners/nordic-it/inventory/" + plan;
        assertThat(operator.put(inventory, "{\"units\": 3}").status()).isEqualTo(200);
        Page page = signIn();

        page.navigate(suite.gatewayUrl + "/console/#/onboard");
        page.waitForSelector("#wizard");
        page.fill("#f-customer-companyName", "Tromsø Havn " + suffix + " AS");
        page.fill("#f-customer-accountName", "tromso-havn-" + suffix);
        page.fill("#f-customer-address-city", "Tromsø");
        page.fill("#f-customer-address-country", "NO");
        page.selectOption("#f-customer-businessType", "HOSPITALITY");
        page.click("#next");
        page.fill("#f-administrator-firstName", "Ingrid");
        page.fill("#f-administrator-lastName", "Bakke");
        page.fill("#f-administrator-username", "ingrid.bakke." + suffix);
        page.fill("#f-administrator-email", "ingrid.bakke@tromso-havn-" + suffix + ".no");
        page.fill("#f-draft-name", "Tromsø Havn " + suffix);
        page.click("#save-draft");

        page.waitForSelector("#draft-saved");
        String draft = page.url().replaceAll(".*saved=", "");
        assertThat(page.locator("#resume-" + draft).textContent()).isEqualTo("Tromsø Havn " + suffix);
        screenshot(page, "drafts");

        // The session ends; a new one (the password asked again) finds the draft, since it is kept by the server.
        page.click("#sign-out");
        page.waitForURL(url -> url.endsWith("/logout"));
        page.click("#submit");
        page.waitForURL(url -> url.endsWith("/login?signed-out"));
        assertThat(page.evaluate("() => sessionStorage.getItem('provisio.console.token')")).isNull();
        page.navigate(suite.gatewayUrl + "/console/");
        signInOn(page);
        page.navigate(suite.gatewayUrl + "/console/#/drafts");
        page.click("#resume-" + draft);
        page.waitForSelector("#wizard");
        assertThat(page.inputValue("#f-customer-companyName")).isEqualTo("Tromsø Havn " + suffix + " AS");
        assertThat(page.inputValue("#f-customer-businessType")).isEqualTo("HOSPITALITY");
        assertThat(page.inputValue("#f-draft-name")).isEqualTo("Tromsø Havn " + suffix);
        page.click("#to-step-2");
        assertThat(page.inputValue("#f-administrator-email")).isEqualTo("ingrid.bakke@tromso-havn-" + suffix + ".no");
        page.fill("#f-contacts-0-name", "Ola Nordmann");
        page.fill("#f-contacts-0-email", "ola@tromso-havn-" + suffix + ".no");
        page.click("#to-step-3");
        assertThat(page.locator("tr[data-plan=" + plan + "] [data-available]").getAttribute("data-available"))
                .isEqualTo("3");
        page.fill("#f-plan-" + plan + "-units", "3");

        // The dry run finds the 3 units; before the start reaches the gateway, the operator leaves only 1.
        List<Integer> lowered = new CopyOnWriteArrayList<>();
        page.route(url -> url.endsWith("/api/v1/onboardings"), (Route route) -> {
            lowered.add(operator.put(inventory, "{\"units\": 1}").status());
            route.resume();
        });
        page.click("#submit");

        awaitTimeline(page);
        page.waitForSelector("#onboarding[data-status=FAILED]",
                new Page.WaitForSelectorOptions().setTimeout(SAGA.toMillis()));
        assertThat(page.locator("#failure").textContent()).contains("Assign plans and licences")
                .contains("not have enough licences");
        assertThat(page.locator("#timeline li[data-step=REGISTER_CUSTOMER]").getAttribute("data-status"))
                .isEqualTo("COMPENSATED");
        assertThat(page.locator("#timeline li[data-step=CREATE_ADMINISTRATOR]").getAttribute("data-status"))
                .isEqualTo("COMPENSATED");
        assertThat(page.locator("#timeline li[data-step=ASSIGN_PLANS]").getAttribute("data-status"))
                .isEqualTo("FAILED");
        assertThat(page.locator("#timeline li[data-step=ACTIVATE_CUSTOMER]").getAttribute("data-status"))
                .isEqualTo("SKIPPED");
        assertThat(lowered).containsExactly(200);
        screenshot(page, "wizard-compensated");
        // Submitted means gone from the drafts, for every staff member of the partner (and its API client).
        assertThat(nordic.get("/api/v1/onboarding-drafts/" + draft).status()).isEqualTo(404);
    }

    // --- helpers ---

    /** The wizard went on to the onboarding's timeline; if it did not, what it said instead. */
    private static void awaitTimeline(Page page) {
        try {
            page.waitForSelector("#onboarding");
        } catch (TimeoutError e) {
            throw new AssertionError("still at " + page.url() + ": " + page.locator("#wizard-notice").textContent()
                    + " | " + page.locator("#error-summary").textContent(), e);
        }
        assertThat(page.url()).contains("#/onboardings/onb-");
    }

    private Page signIn() {
        return ConsolePages.signIn(browser, suite.gatewayUrl, AGENT, PASSWORD);
    }

    private static void signInOn(Page page) {
        ConsolePages.signInOn(page, AGENT, PASSWORD);
    }

    private static void screenshot(Page page, String screen) throws Exception {
        ConsolePages.screenshot(page, screen);
    }
}
