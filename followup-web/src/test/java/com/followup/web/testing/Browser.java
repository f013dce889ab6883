package com.followup.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the system's packages, driven by the system's chromedriver. Nothing is downloaded: the
 * driver and the browser are given by path, so Selenium Manager never runs.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    private final String base;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(String base, ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.base = base;
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("The browser tests need Chromium at " + CHROMIUM + " and chromedriver at "
                    + CHROMEDRIVER + ". Install them with .ci/install-prerequisites (Debian packages chromium and"
                    + " chromium-driver).");
        }
        try {
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
            Path profile = Files.createTempDirectory("followup-chromium");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--lang=en-GB",
                    "--user-data-dir=" + profile);
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1200, 1400));
            return new Browser(base, service, driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String pageText() {
        return find("main").getText();
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Date and time inputs take their value as the browser would send it ("2026-03-30T14:00"). */
    public void setValue(String css, String value) {
        ((JavascriptExecutor) driver)
                .executeScript(
                        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));",
                        find(css),
                        value);
    }

    public void select(String css, String visibleTextStart) {
        for (WebElement option : find(css).findElements(By.tagName("option"))) {
            if (option.getText().startsWith(visibleTextStart)) {
                option.click();
                return;
            }
        }
        throw new AssertionError("no option starting with '" + visibleTextStart + "' in " + css);
    }

    public void click(String css) {
        find(css).click();
    }

    /** Clicks a button or link that loads a new page, and waits until the new page replaced the old one. */
    public void submit(String css) {
        WebElement page = find("html");
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(driver -> replaced(page));
    }

    /**
     * Whether the old page's root is gone. Chromium answers a query on a node of a page being replaced either as a stale
     * element or, mid-navigation, as "Node with given id does not belong to the document": both mean the old page left.
     */
    private static boolean replaced(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
        } catch (org.openqa.selenium.WebDriverException navigating) {
            if (String.valueOf(navigating.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw navigating;
        }
    }

    public void waitFor(String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    public void login(String email, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        type("#f-login-email", email);
        type("#f-login-password", password);
        submit("form button[type=submit]");
    }

    /** Saves the page as target/screenshots/{name}.png, the whole page at a phone's or a desktop's width. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            long height = (Long)
                    ((JavascriptExecutor) driver).executeScript("return Math.max(document.body.scrollHeight, 600);");
            Dimension size = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(height + 150, 6000)));
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(size);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    public void desktop() {
        driver.manage().window().setSize(new Dimension(1200, 1400));
    }

    /** Runs axe-core on the page and fails on any serious or critical violation, naming each one. */
    @SuppressWarnings("unchecked")
    public void assertAccessible() {
        JavascriptExecutor js = driver;
        js.executeScript(axeSource());
        Object result = js.executeAsyncScript(
                """
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(' | ')}))))
                   .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: ''}]));
                """);
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
        List<String> serious = violations.stream()
                .filter(violation ->
                        "serious".equals(violation.get("impact")) || "critical".equals(violation.get("impact")))
                .map(violation -> violation.get("id") + " (" + violation.get("impact") + "): " + violation.get("help")
                        + " at " + violation.get("nodes"))
                .toList();
        assertThat(serious).as("axe-core violations on " + path()).isEmpty();
    }

    private static String axeSource() {
        try (InputStream in = Browser.class.getResourceAsStream(AXE)) {
            if (in == null) {
                throw new IllegalStateException("axe-core webjar missing from the test classpath: " + AXE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // A leftover temporary profile is harmless.
            }
        }
    }
}
