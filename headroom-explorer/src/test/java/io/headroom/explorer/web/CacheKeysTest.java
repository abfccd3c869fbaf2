package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.catalog.DatasetFilter;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetQuery;
import io.headroom.explorer.catalog.DatasetSort;
import io.headroom.explorer.catalog.PageCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The canonical list key, from parsed queries (the HTTP side is in ResponseCacheKeysTest). */
class CacheKeysTest {
    private static final DatasetQuery FIRST_PAGE = new DatasetQuery(
            DatasetFilter.NONE, DatasetSort.DEFAULT, DatasetQuery.DEFAULT_LIMIT, new DatasetQuery.Offset(0));

    @Test
    void defaultsAreLeftOut() {
        assertThat(CacheKeys.datasetList(FIRST_PAGE)).isEqualTo("list?");
    }

    @Test
    void listsEveryFilterOnceInAlphabeticalOrder() {
        DatasetFilter filter = new DatasetFilter(
                Optional.of("environment/air"),
                Optional.of(DatasetFormat.PARQUET),
                Optional.of("sensors"),
                Optional.of("air quality"),
                Optional.of(10L),
                Optional.of(5_000L),
                Optional.of(Instant.parse("2025-01-01T00:00:00Z")),
                Optional.of(Instant.parse("2025-09-15T10:00:00Z")));
        DatasetQuery query = new DatasetQuery(
                filter, DatasetSort.parse("-lastModified").orElseThrow(), 50, new DatasetQuery.Offset(100));
        assertThat(CacheKeys.datasetList(query))
                .isEqualTo("list?folder=environment%2Fair&format=parquet&limit=50"
                        + "&maxSize=5000&minSize=10&modifiedAfter=2025-01-01T00:00:00Z&modifiedBefore=2025-09-15T10:00:00Z"
                        + "&offset=100&q=air+quality&sort=-lastModified&tag=sensors");
    }

    @Test
    void textCannotPassForAnotherParameter() {
        DatasetQuery folderWithAmpersand = withFilter(new DatasetFilter(
                Optional.of("a&tag=b"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
        DatasetQuery folderAndTag = withFilter(new DatasetFilter(
                Optional.of("a"),
                Optional.empty(),
                Optional.of("b"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
        assertThat(CacheKeys.datasetList(folderWithAmpersand)).isNotEqualTo(CacheKeys.datasetList(folderAndTag));
    }

    @Test
    void aCursorIsKeyedByWhereItPointsNotHowItWasSpelled() {
        DatasetSort bySize = DatasetSort.parse("size").orElseThrow();
        PageCursor cursor = new PageCursor(bySize, 5_000L, 42);
        String respelled = Base64.getUrlEncoder()
                .encodeToString( // other key order, spaces, padding
                        "{ \"i\": 42, \"v\": \"5000\", \"s\": \"size\" }".getBytes(StandardCharsets.UTF_8));
        assertThat(respelled).isNotEqualTo(cursor.encode());
        DatasetQuery fromRespelled = new DatasetQuery(
                DatasetFilter.NONE, bySize, 20, new DatasetQuery.After(PageCursor.decode(respelled, bySize)));
        assertThat(CacheKeys.datasetList(fromRespelled)).isEqualTo("list?cursor=" + cursor.encode() + "&sort=size");
    }

    private static DatasetQuery withFilter(DatasetFilter filter) {
        return new DatasetQuery(filter, DatasetSort.DEFAULT, DatasetQuery.DEFAULT_LIMIT, new DatasetQuery.Offset(0));
    }
}
