package io.headroom.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.toolkit.testing.TestPostgres;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same service on the real PostgreSQL named by HEADROOM_TEST_DATABASE_URL, in a private schema
 * (skipped when the variable is not set): the pool is wrapped, the SQL is seen, the page is cached.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExamplePostgresTest {
    static TestPostgres postgres;

    @BeforeAll
    static void schema() {
        postgres = TestPostgres.createSchema();
    }

    @AfterAll
    static void dropSchema() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl());
    }

    @LocalServerPort
    int port;

    @Test
    void theRouteRunsOnPostgresWithItsSqlMonitoredAndItsPageCached() {
        Http http = new Http(port);
        HttpResponse<byte[]> miss = http.get("/api/categories/books/items");
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(miss.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(Http.parse(miss.body()).path("items")).hasSize(40);

        JsonNode queries = http.json("/actuator/headroom").path("queries");
        long total = queries.path("total").asLong();
        assertThat(queries.path("topStatements").findValuesAsText("sql"))
                .anySatisfy(sql -> assertThat(sql).contains("FROM example_item WHERE category = ?"));

        HttpResponse<byte[]> hit = http.get("/api/categories/books/items");
        assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(hit.body()).isEqualTo(miss.body());
        assertThat(http.json("/actuator/headroom").path("queries").path("total").asLong())
                .isEqualTo(total);
    }
}
