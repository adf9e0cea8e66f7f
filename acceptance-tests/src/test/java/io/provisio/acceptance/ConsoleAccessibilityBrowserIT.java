package io.provisio.acceptance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.WaitForSelectorState;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's accessibility (issue 14, ADR 024 "Accessibility and screen sizes") in Chromium against the five
 * services: a staff admin visits every page, the wizard's steps and errors and the customer page's dialogs included,
 * with the sign-in, activation and setup pages around it, at a laptop's size and at a tablet's in both orientations.
 * On each, axe-core (the script from Deque's jar, evaluated into the page by the test: the console never ships it, and
 * the page keeps its CSP) checks the WCAG 2.1 A and AA rules plus a few best practices (heading order, landmarks,
 * target size), and the page must not scroll sideways, its tables scrolling in their own box instead. Every
 * violation of every page is listed before the test fails. The keyboard checks walk with Tab and Shift+Tab: the main
 * navigation, each page's primary action and the skip link are reached and every stop shows its focus; a dialog
 * keeps the focus inside until Escape closes it and gives it back to its button.
 */
@ExtendWith(Suite.class)
class ConsoleAccessibilityBrowserIT {

    private static final Duration SAGA = Duration.ofSeconds(60);
    private static final String ADMIN = "admin@nordic-it.example";
    private static final String ADMIN_PASSWORD = "Compass-Meadow-Silent-58";
    private static final Pattern SETUP_URL = Pattern.compile("https?://[^\\s\"<>]+/setup\\?token=[A-Za-z0-9_-]{43}");
    /** At most this many Tab presses to reach something: a page whose target is further is a failure too. */
    private static final int TABS = 80;
    /** The screens saved at a tablet's width (768 px, upright) as tablet-NAME.png, where ConsoleBrowserIT's go. */
    private static final List<String> TABLET_SCREENS = List.of("customers", "customer", "tree, opened", "timeline",
            "wizard step 1", "wizard with errors", "drafts", "webhooks");
    private static final String AXE = axeScript();
    /** WCAG 2.0 and 2.1, A and AA, and the best practices the console promises besides (ADR 024). */
    private static final String AUDIT = """
            async () => {
              const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                rules: { 'heading-order': { enabled: true }, 'landmark-one-main': { enabled: true },
                         'region': { enabled: true }, 'page-has-heading-one': { enabled: true },
                         'landmark-unique': { enabled: true }, 'target-size': { enabled: true },
                         'scrollable-region-focusable': { enabled: true } },
                resultTypes: ['violations'],
              });
              if (result.passes.length === 0) {
                return ['axe checked nothing'];
              }
              return result.violations.flatMap((violation) => violation.nodes.map((node) =>
                `${violation.id} [${violation.impact}] at ${node.target.join(' ')}: ${violation.help}`));
            }""";
    /** What sticks out sideways: the page itself, or a control of the navigation beyond the window's edge. */
    private static final String LAYOUT = """
            () => {
              const problems = [];
              const root = document.documentElement;
              if (root.scrollWidth > root.clientWidth + 1) {
                const wide = [...document.querySelectorAll('body *')].filter((element) =>
                  element.getBoundingClientRect().right > root.clientWidth + 1 && !element.closest('.table-scroll')
                  && element.getClientRects().length > 0)
                  .slice(0, 5).map((element) => element.id ? `#${element.id}` : element.tagName.toLowerCase());
                problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth} px): ${wide}`);
              }
              for (const link of document.querySelectorAll('header a, header button, header select')) {
                const box = link.getBoundingClientRect();
                if (box.width > 0 && (box.right > root.clientWidth + 1 || box.left < 0)) {
                  problems.push(`${link.id || link.textContent.trim()} is outside the window`);
                }
              }
              return problems;
            }""";
    /**
     * Null when the focused element shows its focus (an outline of 2 px or more, or a shadow), else why not. The ring
     * is the console's :focus-visible one; a field's (a date's parts) and a frame's (the e-mail preview, whose own
     * document has the focus) show on :focus and a class, which match no :focus-visible.
     */
    private static final String FOCUS_SHOWN = """
            () => {
              const element = document.activeElement;
              if (!element || element === document.body) {
                return 'nothing has the focus';
              }
              const name = element.id ? `#${element.id}` : `${element.tagName.toLowerCase()} "${element.textContent.trim()}"`;
              const style = getComputedStyle(element);
              const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
              const shadow = style.boxShadow !== 'none';
              return outline || shadow ? null : `${name} shows no focus (outline ${style.outline}, shadow ${style.boxShadow})`;
            }""";

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private static Fixture fixture;

    private Suite suite;
    private BrowserContext browser;

    /** What the pages show: a customer with a sub-customer, their onboardings, a draft, a webhook, two links. */
    private record Fixture(String parentId, String childId, String onboardingId, String webhookId,
            String activationLink, String setupLink) {
    }

    @BeforeEach
    void prepare() throws Exception {
        suite = Suite.get();
        if (fixture == null) {
            fixture = fixture(suite);
        }
    }

    @AfterEach
    void closeContext() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1366, 768", "1024, 768", "768, 1024"})
    void everyPageMeetsWcag21AaAndFitsTheScreen(int width, int height) {
        browser = context(width, height);
        List<String> violations = new ArrayList<>();
        Page page = browser.newPage();
        page.navigate(suite.gatewayUrl + "/console/");
        page.waitForSelector("#sign-in");
        audit(page, "signed out", violations);
        page.click("#sign-in");
        page.waitForURL(url -> url.endsWith("/login"));
        audit(page, "sign-in", violations);
        page.fill("#username", ADMIN);
        page.fill("#password", ADMIN_PASSWORD);
        page.click("#submit");
        page.waitForSelector("body[data-ready=true]");

        visit(page, "#/customers", "#results:not([aria-busy]) #customers", "customers", violations);
        visit(page, "#/customers/" + fixture.childId(), "#emails-body:not([aria-busy])", "customer", violations);
        page.click("#suspend");
        page.waitForSelector("#suspension-dialog[open]");
        audit(page, "suspend dialog", violations);
        page.keyboard().press("Escape");
        page.waitForSelector("#suspension-dialog", new Page.WaitForSelectorOptions()
                .setState(WaitForSelectorState.DETACHED));
        page.click("#emails-table tr[data-template=WELCOME] [data-action=reschedule]");
        page.waitForSelector("#reschedule[open]");
        page.fill("#reschedule-at", "2020-01-01T08:00");
        page.click("#reschedule-confirm");
        page.waitForSelector("#reschedule-at[aria-invalid=true]");
        audit(page, "reschedule dialog with an error", violations);
        page.keyboard().press("Escape");
        page.waitForSelector("#reschedule", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.DETACHED));
        visit(page, "#/tree", "#tenant-tree", "tree", violations);
        page.click("#tree-expand");
        page.waitForSelector("#tenant-tree li[data-customer='" + fixture.childId() + "']");
        audit(page, "tree, opened", violations);
        visit(page, "#/onboardings", "#onboardings", "onboardings", violations);
        visit(page, "#/onboardings/" + fixture.onboardingId(), "#onboarding[data-status=COMPLETED]", "timeline",
                violations);
        visit(page, "#/onboard", "#wizard", "wizard step 1", violations);
        page.click("#next");
        page.waitForSelector("#step-2:not([hidden])");
        audit(page, "wizard step 2", violations);
        page.click("#next");
        page.waitForSelector("#step-3:not([hidden])");
        audit(page, "wizard step 3", violations);
        page.click("#submit");
        page.waitForSelector("#error-summary:not([hidden])");
        audit(page, "wizard with errors", violations);
        visit(page, "#/drafts", "#results:not([aria-busy]) #drafts", "drafts", violations);
        visit(page, "#/inventory", "#inventory", "inventory", violations);
        visit(page, "#/webhooks", "#results:not([aria-busy]) #webhooks", "webhooks", violations);
        visit(page, "#/webhooks/" + fixture.webhookId(), "#webhook-details", "webhook", violations);
        visit(page, "#/staff", "#results:not([aria-busy]) #staff", "staff", violations);
        page.click("#staff-invite");
        page.waitForSelector("dialog#invite-staff[open]");
        audit(page, "invite dialog", violations);
        page.keyboard().press("Escape");
        page.waitForSelector("dialog#invite-staff", new Page.WaitForSelectorOptions()
                .setState(WaitForSelectorState.DETACHED));

        Page activation = browser.newPage();
        activation.navigate(fixture.activationLink());
        activation.waitForSelector("#password");
        audit(activation, "activation", violations);
        activation.navigate(fixture.setupLink());
        activation.waitForSelector("#submit");
        audit(activation, "setup", violations);

        assertThat(violations).as("accessibility and layout at %dx%d", width, height).isEmpty();
    }

    @Test
    void theKeyboardReachesTheNavigationAndEachPagesPrimaryActionWithTheFocusInSight() {
        browser = context(768, 1024);
        Page page = ConsolePages.signIn(browser, suite.gatewayUrl, ADMIN, ADMIN_PASSWORD);
        List<String> problems = new ArrayList<>();
        Map<String, String[]> pages = new java.util.LinkedHashMap<>();
        pages.put("#/customers", new String[] {"#results:not([aria-busy]) #customers", "#search"});
        pages.put("#/customers/" + fixture.childId(), new String[] {"#emails-body:not([aria-busy])", "#suspend"});
        pages.put("#/tree", new String[] {"#tenant-tree", "#tree-expand"});
        pages.put("#/onboardings", new String[] {"#onboardings", "#onboardings a"});
        pages.put("#/onboardings/" + fixture.onboardingId(), new String[] {"#onboarding[data-status=COMPLETED]",
            "#to-customer"});
        pages.put("#/onboard", new String[] {"#wizard", "#f-customer-companyName"});
        pages.put("#/drafts", new String[] {"#results:not([aria-busy]) #drafts", "#new-onboarding"});
        // No action on the inventory: the navigation is all there is to reach.
        pages.put("#/inventory", new String[] {"#inventory", null});
        pages.put("#/webhooks", new String[] {"#results:not([aria-busy]) #webhooks", "#webhook-url"});
        pages.put("#/staff", new String[] {"#results:not([aria-busy]) #staff", "#staff-invite"});

        for (Map.Entry<String, String[]> entry : pages.entrySet()) {
            String route = entry.getKey();
            page.navigate(suite.gatewayUrl + "/console/" + route);
            page.waitForSelector(entry.getValue()[0]);
            // Back from the page's content (the router focuses it) to the main navigation...
            problems.addAll(tabUntil(page, "Shift+Tab", "#nav a[aria-current=page]", route));
            // ...and on from there to the page's primary action (or into its table, on a page without one).
            String target = entry.getValue()[1];
            if (target != null) {
                problems.addAll(tabUntil(page, "Tab", target + ", " + target + " *", route));
            }
        }

        // The skip link: before the navigation, in sight when focused, and it takes the focus to the page.
        problems.addAll(tabUntil(page, "Shift+Tab", ".skip", "skip link"));
        Object skipShown = page.evaluate("""
                () => { const box = document.activeElement.getBoundingClientRect();
                        return box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.width > 1; }""");
        assertThat(skipShown).as("the skip link shows when focused").isEqualTo(true);
        page.keyboard().press("Enter");
        assertThat(page.evaluate("() => document.activeElement.id")).as("the skip link's target").isEqualTo("view");

        assertThat(problems).as("keyboard focus").isEmpty();

        // The page's language follows the one chosen (a screen reader reads Swedish as Swedish).
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
        page.selectOption("#language", "sv");
        page.waitForSelector("html[lang=sv]");
        assertThat(page.locator(".skip").textContent()).isNotEqualTo("Skip to content");
    }

    @Test
    void aDialogKeepsTheFocusUntilEscapeClosesItAndGivesItBack() {
        browser = context(1024, 768);
        Page page = ConsolePages.signIn(browser, suite.gatewayUrl, ADMIN, ADMIN_PASSWORD);
        page.navigate(suite.gatewayUrl + "/console/#/customers/" + fixture.childId());
        page.waitForSelector("#emails-body:not([aria-busy])");

        for (String[] opener : List.of(new String[] {"#suspend", "#suspension-dialog"},
                new String[] {"#emails-table tr[data-template=WELCOME] [data-action=preview]", "#preview"},
                new String[] {"#emails-table tr[data-template=WELCOME] [data-action=reschedule]", "#reschedule"})) {
            page.focus(opener[0]);
            page.keyboard().press("Enter");
            page.waitForSelector(opener[1] + "[open]");
            for (int i = 0; i < 8; i++) {
                awaitFocusIn(page, opener[1], "after " + i + " Tab presses");
                assertThat(page.evaluate(FOCUS_SHOWN)).as("%s after %d Tab presses", opener[1], i).isNull();
                page.keyboard().press("Tab");
            }
            for (int i = 0; i < 8; i++) {
                page.keyboard().press("Shift+Tab");
                awaitFocusIn(page, opener[1], "after " + (i + 1) + " Shift+Tab presses");
            }
            page.keyboard().press("Escape");
            page.waitForSelector(opener[1], new Page.WaitForSelectorOptions().setState(WaitForSelectorState.DETACHED));
            assertThat(page.evaluate("(opener) => document.activeElement === document.querySelector(opener)",
                    opener[0])).as("the focus back on %s", opener[0]).isEqualTo(true);
        }
    }

    // --- helpers ---

    /**
     * The focus ends up inside {@code dialog}. Into and out of the e-mail preview's frame (sandboxed, so another
     * process) Chromium moves it in steps, and the page may read {@code document.body} as focused between them: the
     * test waits, bounded, for where the focus lands, and fails if it lands outside the dialog.
     */
    private static void awaitFocusIn(Page page, String dialog, String when) {
        try {
            page.waitForFunction("(dialog) => document.querySelector(dialog).contains(document.activeElement)", dialog,
                    new Page.WaitForFunctionOptions().setTimeout(5_000));
        } catch (TimeoutError e) {
            throw new AssertionError(dialog + " does not hold the focus " + when + ": "
                    + page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)"), e);
        }
    }

    private BrowserContext context(int width, int height) {
        return chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setViewportSize(width, height).setTimezoneId("Europe/Stockholm"));
    }

    private void visit(Page page, String route, String ready, String name, List<String> violations) {
        page.navigate(suite.gatewayUrl + "/console/" + route);
        page.waitForSelector(ready);
        audit(page, name, violations);
    }

    /** axe's violations and the layout's problems on the page as it is now, each line naming the page. */
    @SuppressWarnings("unchecked")
    private static void audit(Page page, String name, List<String> violations) {
        if (page.viewportSize().width == 768 && TABLET_SCREENS.contains(name)) {
            try {
                ConsolePages.screenshot(page, "tablet-" + name.replace(", opened", "").replace(' ', '-'));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (Boolean.FALSE.equals(page.evaluate("() => typeof axe !== 'undefined'"))) {
            page.evaluate(AXE);
        }
        String size = page.viewportSize().width + "x" + page.viewportSize().height;
        for (String violation : (List<String>) page.evaluate(AUDIT)) {
            violations.add(name + " (" + size + "): " + violation);
        }
        for (String problem : (List<String>) page.evaluate(LAYOUT)) {
            violations.add(name + " (" + size + "): " + problem);
        }
    }

    /**
     * Presses {@code key} until the focus is on {@code target}, each stop showing its focus; the problems met (none
     * when the target was reached with every stop in sight).
     */
    private static List<String> tabUntil(Page page, String key, String target, String where) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < TABS; i++) {
            page.keyboard().press(key);
            Object shown = page.evaluate(FOCUS_SHOWN);
            if (shown != null) {
                problems.add(where + ": " + shown);
            }
            if (Boolean.TRUE.equals(page.evaluate("(target) => document.activeElement.matches(target)", target))) {
                return problems;
            }
        }
        problems.add(where + ": " + key + " never reached " + target);
        return problems;
    }

    private static String axeScript() {
        try (InputStream script = ConsoleAccessibilityBrowserIT.class.getClassLoader()
                .getResourceAsStream("axe.min.js")) {
            return new String(Objects.requireNonNull(script, "axe.min.js on the test classpath").readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Fixture fixture(Suite suite) throws Exception {
        Api nordic = Api.nordic();
        ObjectNode parent = Onboardings.swedishCustomerWithHostedServices();
        String parentOnboarding = started(nordic, parent);
        String parentId = completed(nordic, parentOnboarding);
        String administrator = parent.get("administrator").get("email").asString();
        // The sub-customer's welcome e-mail is due in a month: the e-mails table offers its every action.
        Instant sendAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MINUTES);
        ObjectNode child = Onboardings.swedishCustomerWithHostedServices();
        ((ObjectNode) child.get("customer")).put("parentCustomerId", parentId);
        ((ObjectNode) child.get("welcomeEmail")).put("sendAt", sendAt.toString());
        String childId = completed(nordic, started(nordic, child));
        // Set up by the customer: a "Configure now" link to the setup page.
        ObjectNode delegated = Onboardings.swedishCustomerWithHostedServices();
        String contact = "it-" + UUID.randomUUID().toString().substring(0, 8) + "@testbolag.se";
        delegated.putObject("setup").put("by", "CUSTOMER").put("contactEmail", contact)
                .put("startDate", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        delegated.putArray("plans");
        delegated.put("acceptPaidPlans", false);
        completed(nordic, started(nordic, delegated));
        Api.Response draft = nordic.post("/api/v1/onboarding-drafts",
                "{\"name\":\"Accessibility draft\",\"request\":{\"customer\":{\"accountName\":\"a11y\"}}}");
        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        Api.Response webhook = nordic.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/a11y-"
                + UUID.randomUUID() + "\",\"events\":[\"customer.suspended\"]}");
        assertThat(webhook.status()).as(webhook.text()).isEqualTo(201);
        String activation = await("activation e-mail to " + administrator).atMost(SAGA)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Mails.activationLinks(suite.mail().getReceivedMessages(), administrator),
                        links -> !links.isEmpty()).getLast();
        String setup = await("Configure now e-mail to " + contact).atMost(SAGA).pollInterval(Duration.ofMillis(250))
                .until(() -> setupLink(suite, contact), Objects::nonNull);
        return new Fixture(parentId, childId, parentOnboarding, webhook.json().get("id").asString(), activation, setup);
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
}
