package io.provisio.acceptance;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Staff management in a real browser against the five services and the real broker, through the gateway (ADR 029):
 * a staff admin invites a new agent from the console's Staff page, the invitation e-mail reaches the SMTP sink, its
 * link sets a password on the invitation page, the agent signs in and does not see the Staff page; the admin
 * disables the agent, whose next sign-in is refused. The Staff page and its invitation dialog are saved as
 * screenshots (as the other console tests, {@code docs/console/} holds the ones the README shows).
 */
@ExtendWith(Suite.class)
class StaffBrowserIT {

    private static final Duration MAIL = Duration.ofSeconds(60);
    private static final String NORDIC_ADMIN = "admin@nordic-it.example";
    private static final String NORDIC_ADMIN_PASSWORD = "Compass-Meadow-Silent-58";
    private static final String NEW_PASSWORD = "Lichen-Harbor-Tandem-72";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/activate/staff\\?token=[A-Za-z0-9_-]{43}");

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private Suite suite;
    private BrowserContext admin;
    private BrowserContext agent;

    @BeforeEach
    void contexts() {
        suite = Suite.get();
        admin = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setViewportSize(1200, 900));
        agent = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setViewportSize(1200, 900));
    }

    @AfterEach
    void closeContexts() {
        admin.close();
        agent.close();
    }

    @Test
    void anAdminInvitesAnAgentWhoSetsAPasswordSignsInWithoutTheStaffPageAndIsRefusedOnceDisabled() throws Exception {
        String email = "ines." + UUID.randomUUID().toString().substring(0, 8) + "@nordic-it.example";
        Page console = ConsolePages.signIn(admin, suite.gatewayUrl, NORDIC_ADMIN, NORDIC_ADMIN_PASSWORD);
        assertThat(console.locator("#nav a[data-route=staff]").isVisible()).as("an admin's page").isTrue();

        console.click("#nav a[data-route=staff]");
        console.waitForSelector("#results:not([aria-busy]) #staff");
        assertThat(console.locator("h1").textContent()).isEqualTo("Staff");
        assertThat(row(console, NORDIC_ADMIN).textContent()).contains("Partner administrator").contains("(you)");
        assertThat(row(console, NORDIC_ADMIN).locator("button[data-disable]").count())
                .as("nobody disables themselves").isZero();

        console.click("#staff-invite");
        console.waitForSelector("dialog#invite-staff[open]");
        console.fill("#staff-email", "not an address");
        console.click("#invite-staff-confirm");
        console.waitForSelector("#staff-problem li[data-field=email]");
        assertThat(console.locator("#staff-problem li[data-field=displayName]").count()).isEqualTo(1);
        console.fill("#staff-email", email);
        console.fill("#staff-name", "Ines Agent");
        console.selectOption("#staff-role", "PARTNER_AGENT");
        console.selectOption("#staff-language", "en");
        screenshot(console, "staff-invite");
        console.click("#invite-staff-confirm");
        console.waitForSelector("dialog#invite-staff", new Page.WaitForSelectorOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
        assertThat(console.locator("#staff-note").textContent()).contains(email);
        console.waitForSelector("#staff tbody tr:has-text('" + email + "') [data-status=INVITED]");
        screenshot(console, "staff");

        // The invitation, as the person receives it.
        String link = await("invitation e-mail to " + email).atMost(MAIL).pollInterval(Duration.ofMillis(250))
                .until(() -> links(email), found -> !found.isEmpty()).getFirst();
        assertThat(link).startsWith(suite.gatewayUrl + "/activate/staff?token=");
        Page invitation = agent.newPage();
        Response opened = invitation.navigate(link);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(invitation.locator("#upn").textContent()).isEqualTo(email);
        assertThat(invitation.locator("#partner").textContent()).isEqualTo("Nordic IT Partner AB");
        invitation.fill("#password", NEW_PASSWORD);
        invitation.fill("#confirmation", NEW_PASSWORD);
        invitation.click("#submit");
        invitation.waitForSelector("#done");
        assertThat(invitation.locator("#upn").textContent()).isEqualTo(email);

        // The new agent signs in, and the Staff page is not theirs.
        Page agentConsole = agent.newPage();
        agentConsole.navigate(suite.gatewayUrl + "/console/");
        ConsolePages.signInOn(agentConsole, email, NEW_PASSWORD);
        assertThat(agentConsole.locator("#who-name").textContent()).isEqualTo("Partner agent");
        assertThat(agentConsole.locator("#nav a[data-route=staff]").isVisible()).isFalse();
        agentConsole.navigate(suite.gatewayUrl + "/console/#/staff");
        agentConsole.waitForSelector("#admins-only");
        assertThat(agentConsole.locator("#staff").count()).isZero();

        // The admin disables the agent, after confirming.
        // The same address: a reload reads the list again.
        console.reload();
        console.waitForSelector("#staff tbody tr:has-text('" + email + "') [data-status=ACTIVE]");
        row(console, email).locator("button[data-disable]").click();
        console.waitForSelector("dialog#disable-staff[open]");
        assertThat(console.locator("#disable-staff-text").textContent()).contains("Ines Agent");
        console.click("#disable-staff-confirm");
        console.waitForSelector("#staff tbody tr:has-text('" + email + "') [data-status=DISABLED]");
        assertThat(row(console, email).locator("button[data-enable]").count()).isEqualTo(1);

        // Refused at the next sign-in, in a browser without the old session.
        BrowserContext fresh = chromium.browser.newContext(new Browser.NewContextOptions().setLocale("en-GB"));
        try {
            Page again = fresh.newPage();
            again.navigate(suite.gatewayUrl + "/console/");
            again.click("#sign-in");
            again.waitForURL(url -> url.endsWith("/login"));
            again.fill("#username", email);
            again.fill("#password", NEW_PASSWORD);
            again.click("#submit");
            again.waitForURL(url -> url.endsWith("/login?error"));
            assertThat(again.locator("#error").isVisible()).isTrue();
        } finally {
            fresh.close();
        }
    }

    private static Locator row(Page page, String email) {
        return page.locator("#staff tbody tr:has-text('" + email + "')");
    }

    private List<String> links(String to) throws Exception {
        List<String> links = new java.util.ArrayList<>();
        for (MimeMessage mail : Mails.to(suite.mail().getReceivedMessages(), to)) {
            Matcher matcher = LINK.matcher(Mails.text(mail.getContent()));
            while (matcher.find()) {
                links.add(matcher.group());
            }
        }
        return links;
    }

    private static void screenshot(Page page, String screen) throws Exception {
        ConsolePages.screenshot(page, screen);
    }
}
