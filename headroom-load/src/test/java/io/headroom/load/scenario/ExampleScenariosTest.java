package io.headroom.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every template in examples/load parses and validates (feeder files and columns included). */
class ExampleScenariosTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "load");

    @Test
    void everyExampleScenarioIsValid() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .contains("smoke.yaml", "load.yaml", "stress.yaml", "spike.yaml", "soak.yaml", "catalog-db.yaml");
        for (Path file : files) {
            Scenario s = ScenarioParser.parse(file);
            assertThat(s.requests()).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void stressTemplateStepsThroughTenFiftyHundredTwoHundredVus() {
        Scenario s = ScenarioParser.parse(EXAMPLES.resolve("stress.yaml"));

        ExecutorSpec.RampingVus ramp = (ExecutorSpec.RampingVus) s.executor();
        assertThat(ramp.startVus()).isEqualTo(10);
        assertThat(ramp.stages()).extracting(ExecutorSpec.Stage::target).containsSubsequence(10, 50, 100, 200);
    }

    @Test
    void loadTemplateMixesSeventyTwentyTen() {
        Scenario s = ScenarioParser.parse(EXAMPLES.resolve("load.yaml"));

        assertThat(s.requests()).extracting(RequestSpec::weight).containsExactly(70, 20, 10);
    }
}
