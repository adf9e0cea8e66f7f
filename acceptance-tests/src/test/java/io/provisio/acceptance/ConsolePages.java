package io.provisio.acceptance;

import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * What the console's browser tests share: signing a staff member in (authorization code + PKCE through identity's
 * login page, ADR 024) and saving a screen, under {@code target/console-screenshots} or where
 * {@code -Dprovisio.console.screenshots} says ({@code docs/console/} holds the ones the README shows).
 */
final class ConsolePages {

    private ConsolePages() {
    }

    /** A new page of {@code context} on the console, signed in as this staff member. */
    static Page signIn(BrowserContext context, String gatewayUrl, String username, String password) {
        Page page = context.newPage();
        page.navigate(gatewayUrl + "/console/");
        signInOn(page, username, password);
        return page;
    }

    /** From the console's landing page, through the login page and back, until the console is ready. */
    static void signInOn(Page page, String username, String password) {
        page.click("#sign-in");
        page.waitForURL(url -> url.endsWith("/login"));
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("#submit");
        page.waitForSelector("body[data-ready=true]");
    }

    static void screenshot(Page page, String screen) throws Exception {
        Path directory = Path.of(System.getProperty("provisio.console.screenshots", "target/console-screenshots"));
        Files.createDirectories(directory);
        page.screenshot(new Page.ScreenshotOptions().setPath(directory.resolve(screen + ".png")).setFullPage(true));
    }
}
