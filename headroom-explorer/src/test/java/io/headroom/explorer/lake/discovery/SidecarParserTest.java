package io.headroom.explorer.lake.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SidecarParserTest {

    private static Optional<Sidecar> parse(String yaml) throws IOException {
        return SidecarParser.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void readsEveryField() throws IOException {
        Sidecar s = parse("""
                description: Hourly air quality
                tags: [air, sensors, air]
                license: CC-BY-4.0
                row_count: 12000
                completeness: 97.5
                """).orElseThrow();
        assertThat(s)
                .isEqualTo(new Sidecar("Hourly air quality", List.of("air", "sensors"), "CC-BY-4.0", 12000L, 97.5));
    }

    @Test
    void acceptsCommaSeparatedTagsAndTextNumbers() throws IOException {
        Sidecar s = parse("tags: 'air, water , '\nrecords: '12,000'\ncompleteness: '80%'\n")
                .orElseThrow();
        assertThat(s.tags()).containsExactly("air", "water");
        assertThat(s.recordCount()).isEqualTo(12_000L);
        assertThat(s.completeness()).isEqualTo(80.0);
    }

    @Test
    void ignoresValuesOutOfRange() throws IOException {
        Sidecar s = parse("row_count: -3\ncompleteness: 140\ndescription: ok\n").orElseThrow();
        assertThat(s.recordCount()).isNull();
        assertThat(s.completeness()).isNull();
        assertThat(s.description()).isEqualTo("ok");
    }

    @Test
    void malformedYamlIsIgnoredNotFatal() throws IOException {
        assertThat(parse("description: [unclosed\n  tags: {")).isEmpty();
        assertThat(parse("- just\n- a list\n")).isEmpty();
        assertThat(parse("")).isEmpty();
    }

    @Test
    void refusesToConstructArbitraryTypes() throws IOException {
        assertThat(parse("description: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n"))
                .isEmpty();
    }
}
