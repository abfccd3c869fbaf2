package io.headroom.explorer.web.ui;

import io.headroom.toolkit.testing.Executables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's {@code chromium}, driven headless through Debian's {@code chromedriver} (Selenium WebDriver):
 * both found on the PATH, never downloaded (docs/decisions/ui-browser-tests.md). Without them the
 * calling test is skipped; CI installs them and fails on any skip.
 */
final class HeadlessChromium implements AutoCloseable {
    /** Generous: the machine is shared and loaded; waits end as soon as the condition holds. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final List<String> ARGUMENTS = List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900");

    private final ChromeDriver driver;
    private final String origin;

    private HeadlessChromium(ChromeDriver driver, String origin) {
        this.driver = driver;
        this.origin = origin;
    }

    /** A browser for pages of {@code http://127.0.0.1:port}; skips the test when chromium or chromedriver is missing. */
    static HeadlessChromium open(int port) {
        Optional<Path> chromium = Executables.find("chromium").or(() -> Executables.find("chromium-browser"));
        Optional<Path> chromedriver = Executables.find("chromedriver");
        Assumptions.assumeTrue(
                chromium.isPresent() && chromedriver.isPresent(),
                "chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments(ARGUMENTS);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // console messages, CSP reports included
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), "http://127.0.0.1:" + port);
    }

    /** A Chrome DevTools Protocol command (network emulation, for example). */
    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    String origin() {
        return origin;
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a hash route of the UI ({@code "#/datasets?format=csv"}) in a fresh page load. */
    void open(String hash) {
        driver.get("about:blank"); // a hash change alone would not reload the page
        driver.get(origin + "/" + hash);
    }

    /** Navigates within the loaded page, as a link would. */
    void go(String hash) {
        script("location.hash = arguments[0]", hash);
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        // A repaint can replace an element between finding it and reading it: look again.
        return new WebDriverWait(driver, WAIT)
                .withMessage(what)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    WebElement awaitElement(String css) {
        return await(
                "element " + css,
                d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Clicks the element once it is there, finding it again if a repaint replaced it meanwhile. */
    void click(String css) {
        await("click " + css, d -> {
            try {
                WebElement element =
                        d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null);
                if (element == null) {
                    return null;
                }
                element.click();
                return true;
            } catch (StaleElementReferenceException replaced) {
                return null; // found again on the next try
            }
        });
    }

    /** Waits until the element's text contains {@code text}; returns the element. */
    WebElement awaitText(String css, String text) {
        return await(
                "'" + text + "' in " + css,
                d -> d.findElements(By.cssSelector(css)).stream()
                        .filter(e -> e.getText().contains(text))
                        .findFirst()
                        .orElse(null));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The browser console's errors since the last call (reading clears them). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Runs axe-core (from its WebJar) in the page; the violations with their impact. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> axeViolations() {
        script(axeSource());
        Object result = ((JavascriptExecutor) driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => ("
                        + "{ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))),"
                        + " e => done([{ id: 'axe-error', impact: 'critical', help: String(e) }]));");
        return (List<Map<String, Object>>) result;
    }

    /** axe-core's serious and critical violations on the page in view (the tests allow none). */
    List<Map<String, Object>> seriousViolations() {
        return axeViolations().stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .toList();
    }

    private static String axeSource() {
        try (InputStream in = HeadlessChromium.class
                .getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/axe-core/" + AXE_VERSION + "/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core " + AXE_VERSION + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String AXE_VERSION = "4.6.3";

    /** A PNG of the viewport into {@code target/screenshots} and, when -Dheadroom.screenshots is set, that folder. */
    void screenshot(String name) {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Path target = Path.of("target", "screenshots");
            Files.createDirectories(target);
            Files.write(target.resolve(name + ".png"), png);
            String docs = System.getProperty("headroom.screenshots");
            if (docs != null && !docs.isBlank()) {
                Files.createDirectories(Path.of(docs));
                Files.write(Path.of(docs).resolve(name + ".png"), png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
