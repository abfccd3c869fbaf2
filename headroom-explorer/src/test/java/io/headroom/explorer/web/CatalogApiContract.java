package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.ServiceUnderTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The catalog API's behaviour, run once per database (H2 and PostgreSQL subclasses) against the real
 * service: a catalog of {@value #DATASETS} datasets is loaded through the initial refresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CatalogApiContract {
    static final int DATASETS = 57;
    static final List<DatasetMetadata> FIXTURE = CatalogFixture.datasets(DATASETS);

    @TempDir
    static Path tempDir;

    private ServiceUnderTest service;
    ApiClient api;

    protected abstract DatabaseUnderTest openDatabase(Path dir);

    @BeforeAll
    void startService() {
        service = ServiceUnderTest.overCatalog(openDatabase(tempDir), tempDir, FIXTURE);
        api = service.client();
        assertThat(service.awaitRefresh(1).json().path("state").asText()).isEqualTo("finished");
    }

    @AfterAll
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    // ---- list, paging -------------------------------------------------------------------------

    @Test
    void firstPageIsTwentyByNameWithTotalAndNextCursor() {
        JsonNode page = ok("/api/v1/datasets");
        assertThat(page.path("items")).hasSize(20);
        assertThat(page.path("total").asLong()).isEqualTo(DATASETS);
        assertThat(page.path("limit").asInt()).isEqualTo(20);
        assertThat(page.path("offset").asLong()).isZero();
        assertThat(page.path("hasNext").asBoolean()).isTrue();
        assertThat(page.path("hasPrevious").asBoolean()).isFalse();
        assertThat(page.path("nextCursor").asText()).isNotBlank();
        List<String> names = names(page);
        assertThat(names).isSortedAccordingTo(Comparator.naturalOrder());
        JsonNode first = page.path("items").get(0);
        assertThat(first.has("columns")).isFalse();
        assertThat(first.path("tags").isArray()).isTrue();
        assertThat(first.path("lastModified").asText()).endsWith("Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "-name", "size", "-size", "lastModified", "-lastModified"})
    void offsetPagesWalkTheWholeCatalogWithoutDuplicatesOrGaps(String sort) {
        List<JsonNode> seen = new ArrayList<>();
        for (int offset = 0; ; offset += 7) {
            JsonNode page = ok("/api/v1/datasets?limit=7&sort=" + sort + "&offset=" + offset);
            page.path("items").forEach(seen::add);
            assertThat(page.path("hasPrevious").asBoolean()).isEqualTo(offset > 0);
            if (!page.path("hasNext").asBoolean()) {
                break;
            }
        }
        assertWholeCatalogInOrder(seen, sort);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "-name", "size", "-size", "lastModified", "-lastModified"})
    void cursorPagesWalkTheWholeCatalogWithoutDuplicatesOrGaps(String sort) {
        List<JsonNode> seen = new ArrayList<>();
        JsonNode page = ok("/api/v1/datasets?limit=6&sort=" + sort);
        page.path("items").forEach(seen::add);
        while (page.path("hasNext").asBoolean()) {
            page = ok("/api/v1/datasets?limit=6&sort=" + sort + "&cursor="
                    + page.path("nextCursor").asText());
            assertThat(page.path("hasPrevious").asBoolean()).isTrue();
            assertThat(page.path("total").asLong()).isEqualTo(DATASETS);
            page.path("items").forEach(seen::add);
        }
        assertThat(page.path("nextCursor").isNull()).isTrue();
        assertWholeCatalogInOrder(seen, sort);
    }

    @Test
    void cursorWalkHonoursFilters() {
        Set<String> paths = new HashSet<>();
        JsonNode page = ok("/api/v1/datasets?limit=2&folder=health&sort=-size");
        page.path("items").forEach(i -> paths.add(i.path("path").asText()));
        while (page.path("hasNext").asBoolean()) {
            page = ok("/api/v1/datasets?limit=2&folder=health&sort=-size&cursor="
                    + page.path("nextCursor").asText());
            page.path("items").forEach(i -> paths.add(i.path("path").asText()));
        }
        assertThat(paths).isEqualTo(expectedPaths(m -> m.folder().equals("health")));
    }

    // ---- filters --------------------------------------------------------------------------------

    @Test
    void folderFilterMatchesTheFolderExactly() {
        assertFilter("folder=" + enc("environment/air"), m -> m.folder().equals("environment/air"));
        assertFilter("folder=environment", m -> m.folder().equals("environment"));
    }

    @Test
    void formatFilter() {
        assertFilter("format=csv", m -> m.format() == DatasetFormat.CSV);
        assertFilter("format=avro", m -> false);
    }

    @Test
    void tagFilter() {
        assertFilter("tag=air", m -> m.tags().contains("air"));
        assertFilter("tag=sensors", m -> m.tags().contains("sensors"));
        assertFilter("tag=unknown", m -> false);
    }

    @Test
    void nameSearchIsCaseInsensitiveSubstringAndTreatsWildcardsLiterally() {
        assertFilter("q=QUALITY", m -> m.name().toLowerCase(Locale.ROOT).contains("quality"));
        assertFilter("q=" + enc("air_q"), m -> m.name().toLowerCase(Locale.ROOT).contains("air_q"));
        assertFilter("q=%25", m -> false);
        assertFilter("q=_", m -> m.name().contains("_"));
    }

    @Test
    void sizeRangeIsInclusive() {
        assertFilter("minSize=5000", m -> m.sizeBytes() >= 5000);
        assertFilter("maxSize=5000", m -> m.sizeBytes() <= 5000);
        assertFilter("minSize=5000&maxSize=5000", m -> m.sizeBytes() == 5000);
    }

    @Test
    void modifiedRangeTakesInstantsAndDates() {
        Instant cut = CatalogFixture.DATES.get(1);
        assertFilter("modifiedAfter=" + cut, m -> !m.lastModified().isBefore(cut));
        assertFilter("modifiedBefore=" + cut, m -> m.lastModified().isBefore(cut));
        assertFilter(
                "modifiedAfter=2025-01-01&modifiedBefore=2025-06-01",
                m -> m.lastModified().equals(CatalogFixture.DATES.get(1)));
        assertFilter(
                "modifiedAfter=" + enc("2025-03-01T13:30:00+01:00"),
                m -> !m.lastModified().isBefore(cut));
    }

    @Test
    void filtersCombineWithAnd() {
        assertFilter(
                "folder=environment&format=csv&tag=sensors&minSize=2000",
                m -> m.folder().equals("environment")
                        && m.format() == DatasetFormat.CSV
                        && m.tags().contains("sensors")
                        && m.sizeBytes() >= 2000);
    }

    // ---- single dataset -----------------------------------------------------------------------

    @Test
    void datasetByIdHasColumnsTagsAndCommunityDataPoints() {
        JsonNode listed = ok("/api/v1/datasets?q=stats_1&limit=1").path("items").get(0);
        JsonNode dataset = ok("/api/v1/datasets/" + listed.path("id").asLong());
        DatasetMetadata expected = byPath(dataset.path("path").asText());
        assertThat(dataset.path("name").asText()).isEqualTo(expected.name());
        assertThat(dataset.path("columns")).hasSize(3);
        assertThat(dataset.path("columns").get(0).path("name").asText()).isEqualTo("station");
        assertThat(dataset.path("communityDataPoints").asLong()).isEqualTo(expected.communityDataPoints());
        assertThat(texts(dataset.path("tags"))).containsExactlyInAnyOrderElementsOf(expected.tags());
        assertThat(dataset.path("license").asText()).isEqualTo("CC-BY-4.0");
    }

    @Test
    void absentDatasetIs404Problem() {
        assertProblem(api.get("/api/v1/datasets/999999999"), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-5", "1.5", "99999999999999999999999"})
    void datasetIdThatIsNotAPositiveNumberIs400(String id) {
        assertBadParameter(api.get("/api/v1/datasets/" + id), "id");
    }

    // ---- folders and stats --------------------------------------------------------------------

    @Test
    void foldersListCountsAndBytes() {
        JsonNode folders = ok("/api/v1/folders");
        assertThat(folders).hasSize(CatalogFixture.FOLDERS.size());
        for (JsonNode folder : folders) {
            String name = folder.path("name").asText();
            assertThat(folder.path("datasetCount").asLong())
                    .isEqualTo(FIXTURE.stream()
                            .filter(m -> m.folder().equals(name))
                            .count());
            assertThat(folder.path("totalBytes").asLong())
                    .isEqualTo(FIXTURE.stream()
                            .filter(m -> m.folder().equals(name))
                            .mapToLong(DatasetMetadata::sizeBytes)
                            .sum());
        }
    }

    @Test
    void folderStatsAcceptEncodedAndPlainSlashes() {
        long expected = FIXTURE.stream()
                .filter(m -> m.folder().equals("environment/air"))
                .count();
        JsonNode encoded = ok("/api/v1/folders/environment%2Fair/stats");
        JsonNode plain = ok("/api/v1/folders/environment/air/stats");
        assertThat(encoded.path("totalDatasets").asLong()).isEqualTo(expected);
        assertThat(plain).isEqualTo(encoded);
        assertThat(encoded.path("folders").asLong()).isEqualTo(1);
        assertThat(ok("/api/v1/folders/health/stats").path("totalDatasets").asLong())
                .isEqualTo(FIXTURE.stream()
                        .filter(m -> m.folder().equals("health"))
                        .count());
    }

    @Test
    void statsOfAnUnknownFolderIs404() {
        assertProblem(api.get("/api/v1/folders/nowhere/stats"), 404);
        assertProblem(api.get("/api/v1/folders/health"), 404);
    }

    @Test
    void communityDataPointsPerFolderAddUp() {
        JsonNode perFolder = ok("/api/v1/folders/community-data-points");
        for (JsonNode entry : perFolder) {
            String folder = entry.path("folder").asText();
            assertThat(entry.path("communityDataPoints").asLong())
                    .isEqualTo(FIXTURE.stream()
                            .filter(m -> m.folder().equals(folder))
                            .mapToLong(DatasetMetadata::communityDataPoints)
                            .sum());
        }
        assertThat(perFolder).hasSize(CatalogFixture.FOLDERS.size());
    }

    @Test
    void statsDescribeTheWholeCatalog() {
        JsonNode stats = ok("/api/v1/stats");
        assertThat(stats.path("totalDatasets").asLong()).isEqualTo(DATASETS);
        assertThat(stats.path("totalBytes").asLong())
                .isEqualTo(
                        FIXTURE.stream().mapToLong(DatasetMetadata::sizeBytes).sum());
        assertThat(stats.path("folders").asLong()).isEqualTo(CatalogFixture.FOLDERS.size());
        assertThat(stats.path("formats").path("csv").asLong())
                .isEqualTo(FIXTURE.stream()
                        .filter(m -> m.format() == DatasetFormat.CSV)
                        .count());
        assertThat(stats.path("totalCommunityDataPoints").asLong())
                .isEqualTo(FIXTURE.stream()
                        .mapToLong(DatasetMetadata::communityDataPoints)
                        .sum());
        assertThat(Instant.parse(stats.path("lastUpdated").asText())).isEqualTo(CatalogFixture.DATES.get(2));
        assertThat(stats.path("lastRefresh").isNull()).isFalse();

        JsonNode quick = ok("/api/v1/stats/quick");
        assertThat(quick.path("totalCount").asLong()).isEqualTo(DATASETS);
        assertThat(quick.path("folders").asLong()).isEqualTo(CatalogFixture.FOLDERS.size());
        assertThat(quick.path("lastUpdated").asText())
                .isEqualTo(stats.path("lastUpdated").asText());
    }

    // ---- versioning and errors ----------------------------------------------------------------

    @Test
    void unversionedAliasAnswersTheSameWithDeprecationHeader() {
        ApiClient.Response alias = api.get("/api/datasets?limit=3&sort=-size");
        ApiClient.Response v1 = api.get("/api/v1/datasets?limit=3&sort=-size");
        assertThat(alias.status()).isEqualTo(200);
        assertThat(alias.header("Deprecation")).isEqualTo("true");
        assertThat(alias.header("Link")).contains("/api/v1/datasets");
        assertThat(v1.header("Deprecation")).isNull();
        assertThat(alias.json()).isEqualTo(v1.json());
        for (String path : List.of(
                "/api/folders",
                "/api/stats",
                "/api/stats/quick",
                "/api/folders/community-data-points",
                "/api/folders/health/stats")) {
            ApiClient.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Deprecation")).as(path).isEqualTo("true");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "limit=abc:limit",
                "limit=1000:limit",
                "limit=0:limit",
                "limit=-1:limit",
                "sort=color:sort",
                "sort=-:sort",
                "offset=-1:offset",
                "offset=x:offset",
                "format=xml:format",
                "minSize=-1:minSize",
                "maxSize=big:maxSize",
                "minSize=10&maxSize=5:maxSize",
                "modifiedAfter=yesterday:modifiedAfter",
                "modifiedBefore=2025-13-01:modifiedBefore",
                "cursor=not-a-cursor:cursor",
                "cursor=e30:cursor",
                "offset=0&cursor=e30:cursor",
                "folder=%00:folder"
            })
    void badListParameterIs400NamingIt(String example) {
        String[] parts = example.split(":");
        assertBadParameter(api.get("/api/v1/datasets?" + parts[0]), parts[1]);
    }

    @Test
    void cursorOfAnotherSortIsRejected() {
        String cursor =
                ok("/api/v1/datasets?limit=2&sort=size").path("nextCursor").asText();
        assertBadParameter(api.get("/api/v1/datasets?sort=name&cursor=" + cursor), "cursor");
    }

    @Test
    void aParameterWithoutAValueCountsAsAbsent() {
        assertThat(ok("/api/v1/datasets?maxSize").path("total").asLong()).isEqualTo(DATASETS);
        assertThat(ok("/api/datasets?cursor&sort").path("total").asLong()).isEqualTo(DATASETS);
    }

    // ---- helpers ------------------------------------------------------------------------------

    JsonNode ok(String path) {
        ApiClient.Response response = api.get(path);
        assertThat(response.status()).as(path + " -> " + response.raw().body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("title").asText()).isNotBlank();
    }

    static void assertBadParameter(ApiClient.Response response, String parameter) {
        assertProblem(response, 400);
        assertThat(response.json().path("errors").get(0).path("name").asText()).isEqualTo(parameter);
        assertThat(response.json().path("detail").asText()).contains(parameter);
    }

    private void assertFilter(String query, Predicate<DatasetMetadata> expected) {
        JsonNode page = ok("/api/v1/datasets?limit=100&" + query);
        Set<String> paths = new HashSet<>();
        page.path("items").forEach(i -> paths.add(i.path("path").asText()));
        Set<String> want = expectedPaths(expected);
        assertThat(paths).as(query).isEqualTo(want);
        assertThat(page.path("total").asLong()).as(query).isEqualTo(want.size());
    }

    private static Set<String> expectedPaths(Predicate<DatasetMetadata> predicate) {
        return FIXTURE.stream().filter(predicate).map(DatasetMetadata::path).collect(Collectors.toSet());
    }

    private static DatasetMetadata byPath(String path) {
        return FIXTURE.stream().filter(m -> m.path().equals(path)).findFirst().orElseThrow();
    }

    /** Every dataset exactly once, ordered by the sort value and, among equals, by id in the same direction. */
    private static void assertWholeCatalogInOrder(List<JsonNode> seen, String sort) {
        List<String> paths = seen.stream().map(i -> i.path("path").asText()).toList();
        assertThat(paths).doesNotHaveDuplicates();
        assertThat(new HashSet<>(paths)).isEqualTo(expectedPaths(m -> true));
        boolean descending = sort.startsWith("-");
        String field = switch (sort.replace("-", "")) {
            case "name" -> "name";
            case "size" -> "sizeBytes";
            default -> "lastModified";
        };
        Comparator<JsonNode> byValue = field.equals("sizeBytes")
                ? Comparator.comparingLong(i -> i.path(field).asLong())
                : field.equals("lastModified")
                        ? Comparator.comparing(i -> Instant.parse(i.path(field).asText()))
                        : (unusedA, unusedB) -> 0; // name order is the database collation's; ties are what we check
        Comparator<JsonNode> order = byValue.thenComparingLong(i -> i.path("id").asLong());
        if (descending) {
            order = order.reversed();
        }
        if (!field.equals("name")) {
            assertThat(seen).isSortedAccordingTo(order);
        }
        for (int i = 1; i < seen.size(); i++) { // equal sort values: ids strictly in the sort direction
            JsonNode a = seen.get(i - 1);
            JsonNode b = seen.get(i);
            if (a.path(field).asText().equals(b.path(field).asText())) {
                assertThat(
                                descending
                                        ? a.path("id").asLong() > b.path("id").asLong()
                                        : a.path("id").asLong() < b.path("id").asLong())
                        .as("tie broken on id between %s and %s", a, b)
                        .isTrue();
            }
        }
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(i -> names.add(i.path("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
