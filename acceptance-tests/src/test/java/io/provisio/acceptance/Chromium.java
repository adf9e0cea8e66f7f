package io.provisio.acceptance;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * The machine's Chromium ({@code /usr/bin/chromium}, or {@code -Dprovisio.chromium}) driven by Playwright, whose own
 * browser download is skipped: one per browser test class.
 */
final class Chromium implements AutoCloseable {

    private final Playwright playwright;
    final Browser browser;

    private Chromium() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getProperty("provisio.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    static Chromium launch() {
        return new Chromium();
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
