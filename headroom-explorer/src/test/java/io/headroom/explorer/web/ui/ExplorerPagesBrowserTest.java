package io.headroom.explorer.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.ExplorerServer;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.generate.LakeGenerator;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.testing.Await;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The explorer's pages in a real headless Chromium, over the real service on a generated lake (H2):
 * filtering, sorting, a dataset's sample, folder statistics (a folder name with '/', '%', '+' and
 * non-ASCII letters), the error state, and axe-core's accessibility check on every page.
 */
class ExplorerPagesBrowserTest {
    /** A folder name that needs every kind of encoding: '/', '%', '+', a space, non-ASCII letters. */
    static final String ODD_FOLDER = "Ökologie 100%/Messwerte+Bäume";

    @TempDir
    static Path dataDir;

    static ExplorerServer server;
    static HeadlessChromium browser;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        Path lake = dataDir.resolve("lake");
        LakeGenerator.generate(lake, 60, 42);
        Path odd = lake.resolve(ODD_FOLDER);
        Files.createDirectories(odd);
        StringBuilder csv = new StringBuilder("station,reading,unit\n");
        for (int i = 0; i < 40; i++) {
            csv.append("Süd-").append(i).append(',').append(i * 1.5).append(",µg/m³\n");
        }
        Files.writeString(odd.resolve("stations.csv"), csv);
        server = ExplorerServer.start(ExplorerConfig.from(new Settings(Map.of(
                "HEADROOM_PORT",
                "0",
                "HEADROOM_HOST",
                "127.0.0.1",
                "HEADROOM_DATA_DIR",
                dataDir.toString(),
                "HEADROOM_SAMPLE_DATASETS",
                "0",
                "HEADROOM_REFRESH_INTERVAL",
                "off",
                "HEADROOM_METRICS_TOKEN",
                ServiceUnderTest.METRICS_TOKEN,
                "DATABASE_URL",
                "jdbc:h2:file:" + dataDir.resolve("catalog")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"))));
        api = new ApiClient(server.port());
        awaitCatalog(61);
        browser = HeadlessChromium.open(server.port());
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
    void filtersByFolderAndFormatAndSortsWithTheStateInTheUrl() {
        browser.open("#/datasets");
        browser.awaitText(".summary", "61 datasets");
        browser.screenshot("datasets");
        // The folder tree: a click filters by folder.
        String folder = "environment";
        browser.click(".sidebar .tree a[href*='folder=environment']");
        int inFolder = api.get("/api/v1/datasets?folder=environment&limit=1")
                .json()
                .get("total")
                .asInt();
        browser.awaitText(".summary", inFolder + " dataset");
        // The format select applies at once; the sort too.
        new Select(browser.awaitElement("#f-format")).selectByValue("csv");
        int csvInFolder = api.get("/api/v1/datasets?folder=environment&format=csv&limit=1")
                .json()
                .get("total")
                .asInt();
        browser.awaitText(".summary", csvInFolder + " dataset");
        new Select(browser.awaitElement("#f-sort")).selectByValue("-size");
        browser.await(
                "URL holds the whole state",
                d -> d.getCurrentUrl().contains("sort=-size")
                        && d.getCurrentUrl().contains("format=csv")
                        && d.getCurrentUrl().contains("folder=" + folder));
        List<String> expected = names(api.get("/api/v1/datasets?folder=environment&format=csv&sort=-size&limit=100")
                .json());
        browser.await(
                "rows in size order",
                d -> visibleNames()
                                .equals(expected.subList(
                                        0,
                                        Math.min(expected.size(), visibleNames().size())))
                        && !visibleNames().isEmpty());
        // The URL alone restores the view: open it afresh.
        String shared = browser.driver().getCurrentUrl();
        browser.driver().get("about:blank");
        browser.driver().get(shared);
        browser.awaitText(".summary", csvInFolder + " dataset");
        assertThat(new Select(browser.awaitElement("#f-format"))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("csv");
        browser.await(
                "restored rows",
                d -> !visibleNames().isEmpty() && visibleNames().get(0).equals(expected.get(0)));
    }

    @Test
    void nameSearchFromTheKeyboard() {
        browser.open("#/datasets");
        browser.awaitText(".summary", "61 datasets");
        WebElement q = browser.awaitElement("#f-q");
        q.sendKeys("stations", Keys.ENTER);
        browser.awaitText(".summary", "1 dataset");
        browser.await("the odd folder's dataset", d -> visibleNames().equals(List.of("stations")));
    }

    @Test
    void opensADatasetAndShowsItsColumnsAndSample() {
        long id = api.get("/api/v1/datasets?q=stations")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asLong();
        browser.open("#/datasets?q=stations");
        browser.click(".vpool a[href='#/datasets/" + id + "']");
        browser.awaitText("h1", "stations");
        browser.awaitText("main dl.meta", ODD_FOLDER);
        browser.awaitText("section[aria-labelledby='columns-title']", "reading");
        WebElement sample = browser.awaitText("section[aria-labelledby='sample-title'] table", "Süd-0");
        assertThat(sample.findElements(By.cssSelector("tbody tr"))).hasSize(20);
        assertThat(sample.getText()).contains("µg/m³");
        browser.screenshot("dataset");
    }

    @Test
    void folderStatsWorkForANameWithSlashPercentPlusAndUnicode() {
        browser.open("#/folders");
        browser.awaitText(".tree", "Messwerte+Bäume");
        browser.awaitText("main", "Community data points per folder");
        browser.screenshot("folders");
        browser.click(".tree a[href='#/folders?folder=" + URLEncoder.encode(ODD_FOLDER, StandardCharsets.UTF_8) + "']");
        WebElement detail = browser.awaitText(".folder-detail h2", ODD_FOLDER);
        browser.awaitText(".folder-detail dl", "Datasets");
        assertThat(browser.awaitElement(".folder-detail dl").getText()).contains("csv 1");
        assertThat(detail.isDisplayed()).isTrue();
    }

    @Test
    void aProblemIsShownByItsDetail() {
        browser.open("#/datasets/987654321");
        WebElement error = browser.awaitElement("main .state-error");
        String detail =
                api.get("/api/v1/datasets/987654321").json().get("detail").asText();
        assertThat(error.getText()).contains("404").contains(detail);
        assertThat(error.getAttribute("role")).isEqualTo("alert");

        browser.open("#/datasets?modifiedAfter=yesterday");
        WebElement bad = browser.awaitElement("main .state-error");
        assertThat(bad.getText()).contains("400").contains("modifiedAfter");
        browser.screenshot("error");
    }

    @Test
    void performancePageShowsLiveFiguresOverServerSentEvents() {
        api.get("/api/v1/datasets?limit=1");
        browser.open("#/performance");
        // The stream needs the monitoring token, typed into the page once (kept for the browser session).
        WebElement token = browser.awaitElement("#monitoring-token");
        token.sendKeys(ServiceUnderTest.METRICS_TOKEN);
        token.submit();
        browser.awaitText(".state-live", "Live");
        browser.awaitText("main table", "GET /api/v1/datasets");
        // The second event carries a rate (the first has no earlier snapshot to subtract).
        browser.await(
                "a request rate", d -> !browser.awaitElement(".cards").getText().contains("…"));
        assertThat(browser.awaitElement(".cards").getText())
                .contains("Requests/s")
                .contains("5xx share");
        assertSeriousFree("#/performance");
        browser.screenshot("performance");
    }

    @Test
    void anEmptyResultSaysSo() {
        browser.open("#/datasets?q=no-such-dataset-anywhere");
        browser.awaitText(".summary", "No dataset matches these filters");
    }

    @Test
    void everyPageHasNoSeriousAccessibilityViolationAndNoConsoleError() {
        browser.consoleErrors(); // earlier tests' (their 404s and 400s on purpose)
        for (String page : List.of("#/datasets", "#/folders?folder=environment", "#/datasets?q=stations")) {
            browser.open(page);
            browser.awaitElement(page.startsWith("#/folders") ? ".folder-detail dl" : ".vpool .vrow a");
            assertSeriousFree(page);
        }
        long id = api.get("/api/v1/datasets?q=stations")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asLong();
        browser.open("#/datasets/" + id);
        browser.awaitText("section[aria-labelledby='sample-title'] table", "Süd-0");
        assertSeriousFree("dataset " + id);
        // A blocked style or script (CSP), a failed module import or a script error all land here.
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static void assertSeriousFree(String page) {
        assertThat(browser.seriousViolations())
                .as("axe-core serious/critical violations on " + page)
                .isEmpty();
    }

    static List<String> visibleNames() {
        return browser.all(".vpool .vrow:not(.pending) .cell:first-child").stream()
                .map(WebElement::getText)
                .toList();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    private static void awaitCatalog(int datasets) {
        Await.until(
                () -> api.get("/api/v1/stats/quick").json().get("totalCount").asInt() == datasets,
                Duration.ofMinutes(2),
                "the initial refresh catalogued " + datasets + " datasets");
    }
}
