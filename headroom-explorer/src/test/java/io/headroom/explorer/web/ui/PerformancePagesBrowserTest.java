package io.headroom.explorer.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.ExplorerServer;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.generate.LakeGenerator;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.load.LoadRun;
import io.headroom.load.RunOptions;
import io.headroom.load.scenario.QuickScenario;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.testing.Await;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The performance pages in headless Chromium over the real service (H2): each page live over its
 * stream, the endpoints table sorted by a click, in-flight requests on the overview, an alert shown
 * within 2 s of firing, a real {@code headroom load --out} run listed and opened, real-user Web Vitals
 * beaconed and shown, and axe-core on every page.
 */
class PerformancePagesBrowserTest {
    static final String SAMPLE_ROUTE = "/api/v1/datasets/{id}/sample";

    @TempDir
    static Path dataDir;

    static ExplorerServer server;
    static HeadlessChromium browser;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        LakeGenerator.generate(dataDir.resolve("lake"), 20, 7);
        server = ExplorerServer.start(ExplorerConfig.from(new Settings(Map.ofEntries(
                Map.entry("HEADROOM_PORT", "0"),
                Map.entry("HEADROOM_HOST", "127.0.0.1"),
                Map.entry("HEADROOM_DATA_DIR", dataDir.toString()),
                Map.entry("HEADROOM_SAMPLE_DATASETS", "0"),
                Map.entry("HEADROOM_REFRESH_INTERVAL", "off"),
                Map.entry("HEADROOM_METRICS_TOKEN", ServiceUnderTest.METRICS_TOKEN),
                // Alerts evaluated every second; the sample route's p95 budget so small that one request breaks it.
                Map.entry("HEADROOM_RESOURCE_SAMPLE_INTERVAL", "1s"),
                Map.entry("HEADROOM_ALERT_ROUTE_BUDGETS", SAMPLE_ROUTE + "=0.001"),
                Map.entry("HEADROOM_ALERT_MIN_REQUESTS", "1"),
                Map.entry(
                        "HEADROOM_LOAD_REPORTS_DIR", dataDir.resolve("reports").toString()),
                Map.entry(
                        "DATABASE_URL",
                        "jdbc:h2:file:" + dataDir.resolve("catalog")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")))));
        api = new ApiClient(server.port());
        Await.until(
                () -> api.get("/api/v1/stats/quick").json().get("totalCount").asInt() == 20,
                Duration.ofMinutes(2),
                "the initial refresh catalogued 20 datasets");
        browser = HeadlessChromium.open(server.port());
        browser.open("#/performance");
        browser.awaitElement("#monitoring-token").sendKeys(ServiceUnderTest.METRICS_TOKEN);
        browser.awaitElement("#monitoring-token").submit(); // kept in sessionStorage for the tab
        browser.awaitText(".state-live", "Live");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void overviewCountsRequestsInFlight() throws Exception {
        browser.open("#/performance");
        awaitInFlight(0);
        // Three requests held open: their headers sent, their bodies never; each waits inside the service.
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/rum HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 100\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                held.add(socket);
            }
            awaitInFlight(3);
            browser.await(
                    "a chart drawn",
                    d -> !d.findElements(By.cssSelector(".chart .uplot canvas")).isEmpty());
            browser.screenshot("performance-overview");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        awaitInFlight(0);
        // The three clients went away mid-body: their fault, recorded as 4xx, never as server errors.
        JsonNode routes = api.get("/api/performance/stats", ServiceUnderTest.METRICS_TOKEN)
                .json()
                .get("requests")
                .get("routes");
        List<Long> serverErrors = new ArrayList<>();
        routes.forEach(r -> {
            if (r.get("route").asText().equals("/api/v1/rum")) {
                serverErrors.add(r.get("status").get("s5xx").asLong());
            }
        });
        assertThat(serverErrors).as("5xx on POST /api/v1/rum").containsExactly(0L);
        assertSeriousFree("#/performance");
    }

    @Test
    void endpointsSortByAnyColumnWithASparklinePerRoute() {
        for (int i = 0; i < 5; i++) {
            api.get("/api/v1/datasets?limit=5");
            api.get("/api/v1/folders");
        }
        browser.open("#/performance/endpoints");
        browser.awaitText("main table", "GET /api/v1/datasets");
        clickHeader("Route");
        browser.await("sorted by route", d -> d.getCurrentUrl().endsWith("sort=route"));
        List<String> routes = column(0);
        assertThat(routes).isSortedAccordingTo(String::compareTo);
        clickHeader("p95 ms");
        browser.await("ascending by p95", d -> d.getCurrentUrl().endsWith("sort=p95Ms"));
        browser.await("rows by p95, ascending", d -> isSorted(numbers(5), false));
        clickHeader("p95 ms");
        browser.await("descending by p95", d -> d.getCurrentUrl().endsWith("sort=-p95Ms"));
        browser.await("rows by p95, descending", d -> isSorted(numbers(5), true));
        assertThat(browser.awaitElement("th[aria-sort]").getAttribute("aria-sort"))
                .isEqualTo("descending");
        assertThat(browser.all("tbody svg.spark-cell")).hasSameSizeAs(browser.all("tbody tr"));
        assertSeriousFree("#/performance/endpoints");
        browser.screenshot("performance-endpoints");
    }

    @Test
    void databasePageShowsPoolStatementsAndHealth() {
        api.get("/api/v1/datasets?limit=3");
        browser.open("#/performance/database");
        browser.awaitText(".cards", "Pool active / idle / waiting");
        browser.awaitText("main", "Top statements");
        browser.awaitText("main table", "SELECT");
        browser.await(
                "charts drawn",
                d -> d.findElements(By.cssSelector(".chart .uplot")).size() == 2);
        // H2 has no PostgreSQL statistics views: the page says so rather than showing nothing.
        browser.awaitText("main", "Database health");
        assertSeriousFree("#/performance/database");
        browser.screenshot("performance-database");
    }

    @Test
    void cachePageShowsKeyspacesAndRedisState() {
        api.get("/api/v1/folders");
        api.get("/api/v1/folders");
        browser.open("#/performance/cache");
        browser.awaitText(".cards", "Redis");
        browser.awaitText(".cards", "DISABLED"); // no REDIS_URL: the in-process level alone
        WebElement table = browser.awaitText("main table", "folders");
        assertThat(table.getText()).contains("datasets").contains("Hit rate");
        assertSeriousFree("#/performance/cache");
        browser.screenshot("performance-cache");
    }

    @Test
    void resourcesPageChartsTheHistory() {
        browser.open("#/performance/resources");
        browser.awaitText(".cards", "Process CPU");
        browser.await(
                "four charts",
                d -> d.findElements(By.cssSelector(".chart .uplot canvas")).size() == 4);
        assertThat(browser.awaitElement("main").getText())
                .contains("CPU (%)")
                .contains("Heap (MB)")
                .contains("GC per sample (ms)")
                .contains("Threads");
        assertSeriousFree("#/performance/resources");
        browser.screenshot("performance-resources");
    }

    @Test
    void anAlertAppearsWithinTwoSecondsOfFiring() {
        browser.open("#/performance/alerts");
        browser.awaitText(".state-live", "Live");
        browser.await(
                "the first event shown",
                d -> d.findElements(By.cssSelector(".alerts-active .state-loading"))
                        .isEmpty());
        assertThat(browser.all(".alert-list li[data-key^='p95-budget:GET " + SAMPLE_ROUTE + "']"))
                .isEmpty();
        // Note the moment the alert's element enters the page (the browser's own clock, the machine's).
        String selector = ".alert-list li[data-key='p95-budget:GET " + SAMPLE_ROUTE + "']";
        browser.script("""
                window.alertSeenAt = null;
                new MutationObserver(() => {
                  if (window.alertSeenAt === null && document.querySelector(arguments[0])) window.alertSeenAt = Date.now();
                }).observe(document.body, { childList: true, subtree: true });""", selector);
        long id = api.get("/api/v1/datasets?limit=1")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asLong();
        assertThat(api.get("/api/v1/datasets/" + id + "/sample").status()).isEqualTo(200); // over its 0.001 ms budget
        WebElement alert = browser.awaitElement(selector);
        assertThat(alert.getText())
                .contains("CRITICAL")
                .contains("over its 0 ms budget"); // p95 far over twice the budget
        JsonNode fired = firedEvent();
        long seenAt = ((Number) browser.script("return window.alertSeenAt")).longValue();
        long delay = seenAt - fired.get("atEpochMillis").asLong();
        System.out.printf("[ui] alert shown %d ms after firing%n", delay);
        assertThat(delay)
                .as("ms from the alert firing to its element in the page")
                .isBetween(0L, 2000L);
        browser.awaitText("main table", "FIRED");
        assertSeriousFree("#/performance/alerts");
        browser.screenshot("performance-alerts");
    }

    @Test
    void aLoadTestRunIsListedAndOpened() throws Exception {
        Path run = dataDir.resolve("reports").resolve("health-smoke");
        var report = LoadRun.execute(
                QuickScenario.of(
                        "http://127.0.0.1:" + server.port() + "/api/health", "20/s", null, "2s", List.of("p(95)<1000")),
                new RunOptions(run, null, 0, false),
                new PrintStream(OutputStream.nullOutputStream()));
        assertThat(report.passed()).isTrue();
        browser.open("#/performance/reports");
        browser.click("table.runs a[href*='run=health-smoke']");
        browser.awaitText(".run-result", "passed");
        browser.awaitText("main", "p(95)<1000");
        browser.await(
                "two charts of the run",
                d -> d.findElements(By.cssSelector(".chart .uplot canvas")).size() == 2);
        assertSeriousFree("a load-test run");
        browser.screenshot("performance-report");
        // A name that is no run is a 404 problem on the page.
        browser.open("#/performance/reports?run=no-such-run");
        assertThat(browser.awaitElement("main .state-error").getText())
                .contains("404")
                .contains("no-such-run");
    }

    @Test
    void realUsersWebVitalsAreBeaconedAndShown() {
        browser.open("#/folders");
        browser.awaitText(".tree", "environment");
        browser.click(".tree a"); // an interaction, for INP
        browser.driver().get("about:blank"); // leaving the page sends the beacon
        JsonNode folders = api.await(
                        "/api/v1/performance/rum",
                        ServiceUnderTest.METRICS_TOKEN,
                        r -> pageVitals(r.json(), "folders") != null)
                .json();
        JsonNode vitals = pageVitals(folders, "folders");
        assertThat(vitals.path("TTFB").path("count").asInt()).isPositive();
        assertThat(vitals.path("FCP").path("p75").asDouble()).isPositive();
        assertThat(vitals.has("CLS")).isTrue();
        browser.open("#/performance");
        browser.awaitText("table.rum", "folders");
        // Bad beacons are refused with a problem.
        assertThat(api.post(
                                "/api/v1/rum",
                                "application/json",
                                "{\"page\":\"x\",\"metrics\":[{\"name\":\"FID\",\"value\":1}]}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/rum", "application/json", "{\"page\":\"../etc\",\"metrics\":[]}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/rum",
                                "application/json",
                                "{\"page\":\"x\",\"metrics\":[{\"name\":\"LCP\",\"value\":-5}]}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/rum", "application/xml", "<x/>").status()).isEqualTo(415);
    }

    private static void awaitInFlight(int expected) {
        browser.await(
                expected + " in flight",
                d -> d.findElements(By.cssSelector("[data-testid='in-flight'] .card-value")).stream()
                        .anyMatch(e -> e.getText().equals(String.valueOf(expected))));
    }

    private static JsonNode pageVitals(JsonNode rum, String page) {
        for (JsonNode p : rum.get("pages")) {
            if (p.get("page").asText().equals(page)) {
                return p.get("metrics");
            }
        }
        return null;
    }

    /** The first time the sample route's alert fired (the history is newest first; a change of severity fires again). */
    private static JsonNode firedEvent() {
        JsonNode alerts = api.await(
                        "/api/v1/alerts",
                        ServiceUnderTest.METRICS_TOKEN,
                        r -> r.json().get("history").size() > 0)
                .json();
        JsonNode first = null;
        for (JsonNode e : alerts.get("history")) {
            if (e.get("state").asText().equals("FIRED")
                    && e.get("key").asText().equals("p95-budget:GET " + SAMPLE_ROUTE)) {
                first = e;
            }
        }
        if (first == null) {
            throw new AssertionError("no FIRED event for the sample route in " + alerts);
        }
        return first;
    }

    private static void clickHeader(String label) {
        browser.await("header " + label, d -> {
            for (WebElement b : d.findElements(By.cssSelector("th button.sort"))) {
                if (b.getText().startsWith(label)) {
                    b.click();
                    return true;
                }
            }
            return null;
        });
    }

    /** One column's texts, read in one script (the table is redrawn every second). */
    @SuppressWarnings("unchecked")
    private static List<String> column(int index) {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('main tbody tr')]"
                        + ".map(r => r.cells[arguments[0]].textContent)",
                index);
    }

    private static List<Double> numbers(int index) {
        return column(index).stream()
                .map(t -> t.equals("—") ? 0.0 : Double.parseDouble(t.replace(",", "")))
                .toList();
    }

    private static boolean isSorted(List<Double> values, boolean descending) {
        for (int i = 1; i < values.size(); i++) {
            if (descending ? values.get(i) > values.get(i - 1) : values.get(i) < values.get(i - 1)) {
                return false;
            }
        }
        return values.size() > 1;
    }

    private static void assertSeriousFree(String page) {
        assertThat(browser.seriousViolations())
                .as("axe-core serious/critical violations on " + page)
                .isEmpty();
    }
}
