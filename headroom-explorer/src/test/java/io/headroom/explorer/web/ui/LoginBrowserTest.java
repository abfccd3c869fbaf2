package io.headroom.explorer.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.LakeFiles;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * Login and logout in a real headless Chromium (docs/ui.md, "Login"), over two services on H2: one in
 * public mode with the folder {@code health} marked private and granted to the user {@code reader}, one
 * in {@code HEADROOM_ACCESS=authenticated} mode. The token lives in the tab's sessionStorage and goes as
 * {@code Authorization: Bearer} on every API call, downloads included.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginBrowserTest {
    static final List<DatasetMetadata> FIXTURE = CatalogFixture.datasets(20);
    static final String READER = "reader";
    static final String READER_PASSWORD = "reader-password-1";
    /** Failed logins in a row before the next must wait: the brute-force test makes the fourth one wait. */
    static final int FREE_ATTEMPTS = 3;

    @TempDir
    static Path publicDir;

    @TempDir
    static Path authenticatedDir;

    @TempDir
    static Path downloads;

    static ServiceUnderTest open;
    static ServiceUnderTest closed;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() throws IOException {
        open = service(
                publicDir,
                Map.of(
                        "HEADROOM_BRUTE_FORCE_FREE_ATTEMPTS",
                        String.valueOf(FREE_ATTEMPTS),
                        // Long enough that the next attempt is surely too soon, however slow the machine.
                        "HEADROOM_BRUTE_FORCE_BASE_DELAY",
                        "60s",
                        "HEADROOM_BRUTE_FORCE_MAX_DELAY",
                        "60s"));
        String admin = open.client().login("admin", ServiceUnderTest.ADMIN_PASSWORD);
        ApiClient.Response marked =
                open.client().json("PUT", "/api/v1/admin/folders/private", admin, "{\"folders\":[\"health\"]}");
        assertThat(marked.status()).as(marked.raw().body()).isEqualTo(200);
        createReader(open.client(), admin, READER);
        createReader(open.client(), admin, "changer");
        closed = service(authenticatedDir, Map.of("HEADROOM_ACCESS", "authenticated"));
        createReader(closed.client(), closed.client().login("admin", ServiceUnderTest.ADMIN_PASSWORD), READER);
        browser = HeadlessChromium.open(open.port());
        // Headless Chromium saves downloads only when told where.
        browser.cdp(
                "Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString(), "eventsEnabled", true));
    }

    private static ServiceUnderTest service(Path dir, Map<String, String> settings) throws IOException {
        LakeFiles.write(dir.resolve("lake"), FIXTURE);
        DatabaseUnderTest database = DatabaseUnderTest.h2(dir);
        ServiceUnderTest service = ServiceUnderTest.start(
                database, dir, new FixedLake(FIXTURE), Optional.of(ServiceUnderTest.ADMIN_TOKEN), settings);
        service.awaitRefresh(1);
        return service;
    }

    private static void createReader(ApiClient api, String admin, String name) {
        ApiClient.Response created = api.json(
                "POST",
                "/api/v1/admin/users",
                admin,
                "{\"username\":\"" + name + "\",\"password\":\"" + READER_PASSWORD + "\",\"folders\":[\"health\"]}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        for (ServiceUnderTest service : new ServiceUnderTest[] {open, closed}) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    @Order(1)
    void loginShowsTheUserAndTheirPrivateFolderAndLogoutHidesItAgain() {
        int everything = FIXTURE.size();
        int outsideHealth =
                (int) FIXTURE.stream().filter(d -> !d.folder().equals("health")).count();
        browser.open("#/datasets");
        browser.awaitText(".summary", outsideHealth + " datasets");
        browser.awaitText(".sidebar .tree", "environment");
        assertThat(browser.awaitElement(".sidebar .tree").getText()).doesNotContain("health");

        browser.click("#account a[href^='#/login']");
        browser.awaitElement("#login-username").sendKeys(READER);
        browser.awaitElement("#login-password").sendKeys(READER_PASSWORD);
        browser.screenshot("login");
        assertNoSeriousViolation("the login form");
        browser.click("form.login button[type=submit]");

        // Back where the login was asked from, now with the private folder.
        browser.awaitText("#account .username", READER);
        browser.await("back on the list", d -> d.getCurrentUrl().endsWith("#/datasets"));
        browser.awaitText(".summary", everything + " datasets");
        browser.awaitText(".sidebar .tree", "health");
        browser.awaitText("#account", "Log out");
        browser.screenshot("logged-in");
        assertNoSeriousViolation("the list, logged in");
        assertThat((String) browser.script("return sessionStorage.getItem('headroom.session')"))
                .contains("\"username\":\"reader\"");

        // A reload keeps the login (the tab's sessionStorage).
        browser.open("#/datasets?folder=health");
        browser.awaitText("#account .username", READER);
        browser.awaitText(".summary", FIXTURE.size() - outsideHealth + " datasets");

        browser.click("#account button.logout");
        browser.awaitText("#account a", "Log in");
        // The same view again, anonymous: the private folder is gone (the list of a folder one may not see is empty).
        browser.awaitText(".summary", "No dataset matches these filters");
        assertThat(browser.script("return sessionStorage.getItem('headroom.session')"))
                .isNull();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void aWrongPasswordIsShownByTheProblemsDetail() {
        browser.open("#/login");
        logIn(READER, "not-the-password");
        WebElement error = browser.awaitElement(".outcome .state-error");
        String detail = open.client()
                .json("POST", "/api/v1/auth/login", null, "{\"username\":\"nobody\",\"password\":\"whatever1\"}")
                .json()
                .get("detail")
                .asText();
        assertThat(error.getText()).contains("401").contains(detail);
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(browser.driver().getCurrentUrl()).contains("#/login");
        assertThat(browser.awaitElement("#account").getText()).contains("Log in");
        // A right password clears the failures (the brute-force count starts again).
        browser.awaitElement("#login-password").sendKeys(READER_PASSWORD);
        browser.click("form.login button[type=submit]");
        browser.awaitText("#account .username", READER);
        browser.click("#account button.logout");
        browser.awaitText("#account a", "Log in");
    }

    @Test
    @Order(3)
    void aPrivateDatasetIsDownloadedWithTheToken() throws IOException {
        String admin = open.client().login("admin", ServiceUnderTest.ADMIN_PASSWORD);
        JsonNode dataset = open.client()
                .get("/api/v1/datasets?folder=health&format=csv&limit=1", admin)
                .json()
                .get("items")
                .get(0);
        long id = dataset.get("id").asLong();
        assertThat(open.client().get("/api/v1/datasets/" + id + "/download").status())
                .as("anonymous: the private dataset is not there")
                .isEqualTo(404);
        byte[] expected = Files.readAllBytes(
                publicDir.resolve("lake").resolve(dataset.get("path").asText()));

        browser.open("#/login?next=" + URLEncoder.encode("#/datasets/" + id, StandardCharsets.UTF_8));
        logIn(READER, READER_PASSWORD);
        browser.awaitText("h1", dataset.get("name").asText());
        browser.click("section[aria-labelledby='downloads-title'] button");
        browser.awaitText(".download-outcome", "Saved");
        Await.until(
                () -> savedFile().filter(p -> size(p) == expected.length).isPresent(),
                Duration.ofSeconds(30),
                "the download saved with " + expected.length + " bytes");
        Path saved = savedFile().orElseThrow();
        assertThat(Files.readAllBytes(saved)).isEqualTo(expected);
        assertThat(saved.getFileName().toString()).endsWith(".csv");
        browser.click("#account button.logout");
        browser.awaitText("#account a", "Log in");
    }

    @Test
    @Order(4)
    void anAdminLoginOpensThePerformancePagesWithoutTheMonitoringToken() {
        browser.open("#/login?next=%23%2Fperformance");
        logIn("admin", ServiceUnderTest.ADMIN_PASSWORD);
        browser.awaitText(".state-live", "Live");
        browser.click("#account button.logout");
        // Without the login the stream is refused, and the page says how to get in.
        browser.awaitText("main .state-error", "401");
        browser.awaitText("main", "Log in");
    }

    @Test
    @Order(5)
    void aUserChangesTheirOwnPassword() {
        browser.open("#/login?next=%23%2Faccount");
        logIn("changer", READER_PASSWORD);
        browser.awaitElement("#current-password").sendKeys(READER_PASSWORD);
        browser.awaitElement("#new-password").sendKeys("a-new-password-2");
        browser.awaitElement("#new-password-again").sendKeys("a-new-password-2");
        browser.click("form.login button[type=submit]");
        browser.awaitText(".outcome .state-done", "Password changed");
        // The page goes on with the fresh token; the old password is refused, the new one taken.
        browser.open("#/datasets?folder=health");
        browser.awaitText("#account .username", "changer");
        browser.awaitText(".summary", "datasets");
        assertThat(open.client()
                        .json(
                                "POST",
                                "/api/v1/auth/login",
                                null,
                                "{\"username\":\"changer\",\"password\":\"" + READER_PASSWORD + "\"}")
                        .status())
                .isEqualTo(401);
        open.client().login("changer", "a-new-password-2");
        browser.click("#account button.logout");
        browser.awaitText("#account a", "Log in");
    }

    @Test
    @Order(6)
    void anAuthenticatedServiceSendsAnAnonymousVisitorToTheLoginFormAndBack() {
        String origin = "http://127.0.0.1:" + closed.port();
        browser.driver().get("about:blank");
        browser.driver().get(origin + "/#/datasets?folder=health");
        browser.await("sent to the login form", d -> d.getCurrentUrl().contains("#/login?why=required"));
        browser.awaitText("main", "logged-in users only");
        assertThat(browser.all("main .state-error")).as("no error, a form").isEmpty();
        logIn(READER, READER_PASSWORD);
        browser.await("back at the folder", d -> d.getCurrentUrl().endsWith("#/datasets?folder=health"));
        int inHealth =
                (int) FIXTURE.stream().filter(d -> d.folder().equals("health")).count();
        browser.awaitText(".summary", inHealth + " datasets");

        // A token the service no longer takes (here: damaged) ends the session and asks for a login again.
        browser.script(
                "const s = JSON.parse(sessionStorage.getItem('headroom.session'));"
                        + " s.token = s.token.slice(0, -4) + 'AAAA'; sessionStorage.setItem('headroom.session', JSON.stringify(s));");
        browser.driver().get("about:blank");
        browser.driver().get(origin + "/#/folders");
        browser.await("sent to the login form", d -> d.getCurrentUrl().contains("#/login?why=refused"));
        browser.awaitText("main", "no longer accepted");
        assertThat(browser.awaitElement("#account").getText()).contains("Log in");
    }

    /** Last: it leaves this client address waiting for a minute. */
    @Test
    @Order(7)
    void tooManyFailedLoginsAreRefusedWithA429ShownByItsDetail() {
        browser.open("#/login");
        for (int attempt = 1; attempt <= FREE_ATTEMPTS + 2; attempt++) {
            browser.awaitElement("#login-username").clear();
            browser.awaitElement("#login-username").sendKeys("guessed");
            browser.awaitElement("#login-password").sendKeys("wrong-" + attempt);
            browser.click("form.login button[type=submit]");
            String status = attempt <= FREE_ATTEMPTS + 1 ? "Error 401" : "Error 429";
            int shown = attempt;
            // Each answer replaces the last one; the button is enabled again once it is shown.
            browser.await(
                    "answer " + shown,
                    d -> browser.awaitElement(".outcome").getText().contains(status)
                            && browser.awaitElement("form.login button[type=submit]")
                                    .isEnabled());
        }
        assertThat(browser.awaitElement(".outcome .state-error").getText())
                .contains("Too many failed logins")
                .contains("try again in");
        assertThat(browser.awaitElement(".outcome .state-error").getAttribute("role"))
                .isEqualTo("alert");
    }

    private static void assertNoSeriousViolation(String page) {
        assertThat(browser.seriousViolations())
                .as("axe-core serious/critical violations on " + page)
                .isEmpty();
    }

    /** Fills the login form in view and sends it. */
    private static void logIn(String username, String password) {
        browser.awaitElement("#login-username").sendKeys(username);
        browser.awaitElement("#login-password").sendKeys(password);
        browser.click("form.login button[type=submit]");
    }

    private static Optional<Path> savedFile() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".crdownload"))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // being written
        }
    }
}
