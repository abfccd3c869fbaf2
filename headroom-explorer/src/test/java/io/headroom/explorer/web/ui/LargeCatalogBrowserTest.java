package io.headroom.explorer.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.catalog.MetadataOnlyGenerator;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.ServiceUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Virtual scrolling over a metadata-only catalog of a million datasets (PostgreSQL, bulk-loaded): the
 * DOM keeps one row per visible line wherever the scroll bar is, a jump to any row shows exactly that
 * row (as the API's offset paging numbers it), and a URL with a position restores it.
 */
class LargeCatalogBrowserTest {
    static final int DATASETS = 1_000_000;
    /** A row, its six cells and the name's link. */
    static final int ELEMENTS_PER_ROW = 8;

    @TempDir
    static Path dataDir;

    static ServiceUnderTest service;
    static HeadlessChromium browser;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        DatabaseUnderTest database = DatabaseUnderTest.postgres();
        try {
            MetadataOnlyGenerator.load(database.jdbcUrl(), null, null, DATASETS, 11);
        } catch (Exception e) {
            database.close();
            throw e;
        }
        // A non-empty catalog starts no refresh, so the empty lake leaves the million rows alone.
        service = ServiceUnderTest.start(database, dataDir, new FixedLake(List.of()), Optional.empty());
        api = new ApiClient(service.port());
        browser = HeadlessChromium.open(service.port());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aJumpShowsExactlyTheRowAskedFor() {
        browser.open("#/datasets");
        browser.awaitText(".summary", "1,000,000 datasets");
        WebElement jump = browser.awaitElement("#jump");
        jump.sendKeys("765432", Keys.ENTER);
        String expected = datasetAt("sort=name", 765_431).get("name").asText();
        browser.await(
                "row 765,432 at the top",
                d -> firstRow()
                        .map(r -> r.getAttribute("aria-rowindex").equals("765433")
                                && r.getText().startsWith(expected))
                        .orElse(false));
        browser.await("the position in the URL", d -> d.getCurrentUrl().contains("at=765431"));
        assertThat(requestedPages())
                .as("a jump fetches its page by offset")
                .anyMatch(url -> url.contains("offset=765400"));
        browser.screenshot("datasets-deep");
    }

    @Test
    void scrollingOnFromALoadedPageFetchesTheNextByCursor() {
        browser.open("#/datasets");
        browser.awaitText(".summary", "1,000,000 datasets");
        awaitLoadedRows();
        browser.awaitElement("#jump").sendKeys("150", Keys.ENTER); // row 150 is on the second page of 100
        String expected = datasetAt("sort=name", 149).get("name").asText();
        browser.await(
                "row 150 at the top",
                d -> firstRow().map(r -> r.getText().startsWith(expected)).orElse(false));
        assertThat(requestedPages())
                .as("the page after a loaded one comes by its nextCursor (keyset)")
                .anyMatch(url -> url.contains("cursor="))
                .noneMatch(url -> url.contains("offset=100"));
    }

    @Test
    void theDomStaysTheSameSizeWhereverTheScrollBarIs() {
        browser.open("#/datasets");
        browser.awaitText(".summary", "1,000,000 datasets");
        awaitLoadedRows();
        int rows = browser.all(".vpool .vrow").size();
        int elements = ((Number) browser.script("return document.getElementsByTagName('*').length")).intValue();
        assertThat(rows).isBetween(5, 40);
        for (double fraction : new double[] {0.1, 0.37, 0.5, 0.93, 1.0}) {
            String before = browser.awaitElement(".position").getText();
            browser.script(
                    "const s = document.querySelector('.vscroll'); s.scrollTop = arguments[0] * (s.scrollHeight - s.clientHeight)",
                    fraction);
            browser.await(
                    "the view moved to " + fraction,
                    d -> !browser.awaitElement(".position").getText().equals(before));
            awaitLoadedRows();
            // At the very end no partly hidden row is below the last one: one row (8 elements) fewer.
            assertThat(browser.all(".vpool .vrow").size())
                    .as("rows at " + fraction)
                    .isBetween(rows - 1, rows);
            assertThat(((Number) browser.script("return document.getElementsByTagName('*').length")).intValue())
                    .as("elements at " + fraction)
                    .isBetween(elements - ELEMENTS_PER_ROW, elements);
        }
        // At the very end the last row of the catalog is the last row shown.
        String last = datasetAt("sort=name", DATASETS - 1).get("name").asText();
        List<WebElement> shown = browser.all(".vpool .vrow");
        WebElement bottom = shown.get(shown.size() - 1);
        assertThat(bottom.getAttribute("aria-rowindex")).isEqualTo(String.valueOf(DATASETS + 1));
        assertThat(bottom.getText()).startsWith(last);
    }

    /**
     * DASH-2's scrolling budget: a scripted scroll through the whole million, one step per animation frame
     * (top to bottom in {@value #SCROLL_FRAMES} frames, each frame moving ~1,700 rows), while a
     * PerformanceObserver collects long tasks (main-thread tasks over 50 ms), the list's own scroll
     * handler is timed, and the DOM's size is read every frame. The same number of frames without scrolling
     * comes first, as the baseline of the machine's own noise.
     */
    @Test
    void aScriptedScrollThroughAMillionRowsHasNoLongTaskAndAConstantDom() {
        browser.open("#/datasets");
        browser.awaitText(".summary", "1,000,000 datasets");
        awaitLoadedRows();
        int elements = ((Number) browser.script("return document.getElementsByTagName('*').length")).intValue();
        ScrollRun idle = scroll(false);
        ScrollRun run = scroll(true);
        System.out.printf(
                "[ui-budget] scripted scroll through 1,000,000 rows in %d frames: %d long tasks (> 50 ms)"
                        + " against %d in as many idle frames before it (the machine's baseline); the list's scroll handler"
                        + " p50 %.2f ms, p95 %.2f ms, max %.2f ms per frame; frame interval p50 %.1f ms, p95 %.1f ms"
                        + " (idle: %.1f, %.1f); DOM %d..%d elements (%d before); %d page requests during the scroll%n",
                run.frames(),
                run.longTasks().size(),
                idle.longTasks().size(),
                run.handlerP50(),
                run.handlerP95(),
                run.handlerMax(),
                run.frameP50(),
                run.frameP95(),
                idle.frameP50(),
                idle.frameP95(),
                run.minElements(),
                run.maxElements(),
                elements,
                run.pageRequests());
        // The page's own work per frame fits a 60 Hz frame at the 95th percentile, and no task of the scroll takes
        // over 50 ms. Both are wall-clock figures, enforced by bench/ui-budgets.sh only: on a shared machine whose
        // load is many times its cores, the starved renderer stretches any frame's work (docs/ui.md, Budgets).
        UiBudget.under("the list's scroll handler, p95 of frames", run.handlerP95(), 16);
        UiBudget.atMost(
                "long tasks (> 50 ms) while scrolling 1,000,000 rows",
                run.longTasks().size(),
                0);
        // A fling fetches the pages it stops on, not one per frame (docs/ui.md, "Rate limits"): the end's page and
        // at most a few where a starved frame paused longer than the settle time.
        UiBudget.atMost("page requests of one fast scroll through the million", run.pageRequests(), SCROLL_FRAMES / 20);
        assertThat(run.maxElements())
                .as("DOM elements during the scroll")
                .isLessThanOrEqualTo(elements + ELEMENTS_PER_ROW);
        // It did reach the end: the last row is in view once its page is loaded.
        awaitLoadedRows();
        List<WebElement> shown = browser.all(".vpool .vrow");
        assertThat(shown.get(shown.size() - 1).getAttribute("aria-rowindex")).isEqualTo(String.valueOf(DATASETS + 1));
    }

    record ScrollRun(
            int frames,
            List<Number> longTasks,
            double handlerP50,
            double handlerP95,
            double handlerMax,
            double frameP50,
            double frameP95,
            int minElements,
            int maxElements,
            int pageRequests) {}

    @SuppressWarnings("unchecked")
    private static ScrollRun scroll(boolean move) {
        // 600 frames: at a load average of 50 on 2 cores a frame takes ~100 ms, past the driver's 30 s default.
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofMinutes(5));
        Map<String, Object> r = (Map<String, Object>)
                ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const [frames, move] = [arguments[0], arguments[1]];
                const scroller = document.querySelector('.vscroll');
                const maxScroll = scroller.scrollHeight - scroller.clientHeight; // read once: a read per frame would force layout
                const longTasks = [];
                // The list's page requests, counted as they are made (Resource Timing would see only the finished ones).
                const realFetch = window.fetch;
                let pageRequests = 0;
                window.fetch = (...a) => {
                  if (String(a[0]).includes('/api/v1/datasets?')) pageRequests++;
                  return realFetch(...a);
                };
                const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
                observer.observe({ type: 'longtask' });
                // Around the list's own scroll listener: window's capture phase runs before it, a listener added now after it.
                let began = 0;
                const handler = [];
                const before = () => { began = performance.now(); };
                const after = () => handler.push(performance.now() - began);
                window.addEventListener('scroll', before, true);
                scroller.addEventListener('scroll', after);
                const gaps = [];
                let minElements = Infinity, maxElements = 0, last = performance.now(), frame = 0;
                const sorted = (a) => [...a].sort((x, y) => x - y);
                const at = (a, q) => (a.length ? a[Math.min(a.length - 1, Math.floor(a.length * q))] : 0);
                const step = () => {
                  const now = performance.now();
                  if (frame > 0) gaps.push(now - last);
                  last = now;
                  const elements = document.getElementsByTagName('*').length;
                  minElements = Math.min(minElements, elements);
                  maxElements = Math.max(maxElements, elements);
                  if (frame++ < frames) {
                    if (move) scroller.scrollTop = maxScroll * frame / frames;
                    requestAnimationFrame(step);
                  } else {
                    setTimeout(() => { // let a task still running report itself
                      observer.disconnect();
                      window.removeEventListener('scroll', before, true);
                      scroller.removeEventListener('scroll', after);
                      const g = sorted(gaps), w = sorted(handler);
                      window.fetch = realFetch;
                      done({ longTasks, frames: gaps.length, pageRequests, handlerP50: at(w, 0.5), handlerP95: at(w, 0.95),
                             handlerMax: w.length ? w[w.length - 1] : 0, frameP50: at(g, 0.5), frameP95: at(g, 0.95),
                             minElements, maxElements });
                    }, 1500); // past the settle time: the page the scroll stopped on is asked for
                  }
                };
                requestAnimationFrame(step);""", SCROLL_FRAMES, move);
        return new ScrollRun(
                ((Number) r.get("frames")).intValue(),
                (List<Number>) r.get("longTasks"),
                num(r, "handlerP50"),
                num(r, "handlerP95"),
                num(r, "handlerMax"),
                num(r, "frameP50"),
                num(r, "frameP95"),
                ((Number) r.get("minElements")).intValue(),
                ((Number) r.get("maxElements")).intValue(),
                ((Number) r.get("pageRequests")).intValue());
    }

    private static double num(Map<String, Object> r, String key) {
        return ((Number) r.get(key)).doubleValue();
    }

    static final int SCROLL_FRAMES = 600;

    @Test
    void aSharedUrlWithAPositionOpensThere() {
        browser.open("#/datasets?sort=-size&at=500000");
        String expected = datasetAt("sort=-size", 500_000).get("name").asText();
        browser.await(
                "row 500,001 by size at the top",
                d -> firstRow()
                        .map(r -> r.getAttribute("aria-rowindex").equals("500002")
                                && r.getText().startsWith(expected))
                        .orElse(false));
    }

    @Test
    void firstLoadRendersTheFirstPageUnderOneSecond() {
        browser.open("#/datasets"); // warm: JIT, caches, connections
        awaitLoadedRows();
        double best = Double.MAX_VALUE;
        String breakdown = "";
        for (int i = 0; i < 3; i++) {
            browser.open("#/datasets");
            awaitLoadedRows();
            @SuppressWarnings("unchecked")
            Map<String, Number> timing = (Map<String, Number>) browser.script("""
                    const nav = performance.getEntriesByType('navigation')[0];
                    const page = performance.getEntriesByType('resource').find(r => r.name.includes('/api/v1/datasets?'));
                    return { rows: performance.getEntriesByName('headroom:first-rows')[0].startTime,
                             html: nav.responseEnd, dom: nav.domContentLoadedEventEnd,
                             api: page ? page.responseEnd - page.startTime : -1 };""");
            double rows = timing.get("rows").doubleValue();
            if (rows < best) {
                best = rows;
                breakdown = String.format(
                        "page HTML received at %.0f ms, DOMContentLoaded %.0f ms, first datasets" + " request %.0f ms",
                        timing.get("html").doubleValue(),
                        timing.get("dom").doubleValue(),
                        timing.get("api").doubleValue());
            }
        }
        System.out.printf(
                "[ui-budget] first load, navigation start to first page of datasets rendered (1M catalog):"
                        + " %.0f ms of the 1000 ms budget (%s)%n",
                best, breakdown);
        UiBudget.under("navigation start to the first rows (DASH-2: < 1 s on loopback)", best, 1000);
    }

    private static void awaitLoadedRows() {
        browser.await(
                "visible rows loaded",
                d -> !d.findElements(By.cssSelector(".vpool .vrow")).isEmpty()
                        && d.findElements(By.cssSelector(".vpool .vrow.pending"))
                                .isEmpty());
    }

    /** The list requests this page load made (Resource Timing). */
    @SuppressWarnings("unchecked")
    private static List<String> requestedPages() {
        return (List<String>) browser.script("return performance.getEntriesByType('resource')"
                + ".map(r => r.name).filter(n => n.includes('/api/v1/datasets?'))");
    }

    private static Optional<WebElement> firstRow() {
        return browser.all(".vpool .vrow:not(.pending)").stream().findFirst();
    }

    private static JsonNode datasetAt(String sort, int offset) {
        return api.get("/api/v1/datasets?" + sort + "&limit=1&offset=" + offset)
                .json()
                .get("items")
                .get(0);
    }
}
