package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = HeadroomCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void generatesTheLakeAndSaysWhatItWrote() throws IOException {
        Path lake = dir.resolve("lake");
        assertThat(run("generate", "--datasets", "12", "--out", lake.toString(), "--seed", "5"))
                .isZero();
        assertThat(out.toString()).contains("Generated 12 datasets");
        try (Stream<Path> files = Files.walk(lake)) {
            assertThat(files.filter(Files::isRegularFile).count()).isGreaterThanOrEqualTo(12);
        }
    }

    @Test
    void datasetsOutOfRangeIsAOneLineErrorAndExit2() {
        assertThat(run("generate", "--datasets", "0", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("--datasets must be between 1 and 1000000")
                .hasLineCount(1);
        assertThat(run("generate", "--datasets", "1000001", "--out", dir.toString()))
                .isEqualTo(2);
    }

    @Test
    void nonNumericDatasetsIsAUsageError() {
        assertThat(run("generate", "--datasets", "many", "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--datasets");
    }

    @Test
    void outThatIsAFileIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThat(run("generate", "--datasets", "3", "--out", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("headroom generate: --out").hasLineCount(1);
    }

    @Test
    void missingOutIsAUsageError() {
        assertThat(run("generate", "--datasets", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("--out");
    }

    @Test
    void feedersOnlyWritesTheThreeCsvsDeterministically() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(run("generate", "--datasets", "40", "--feeders", a.toString(), "--feeder-rows", "25"))
                .isZero();
        assertThat(run("generate", "--datasets", "40", "--feeders", b.toString(), "--feeder-rows", "25"))
                .isZero();
        assertThat(out.toString()).contains("dataset-ids.csv (25 rows)");
        for (String name : new String[] {"dataset-ids.csv", "searches.csv", "folders.csv"}) {
            assertThat(Files.readString(a.resolve(name))).as(name).isEqualTo(Files.readString(b.resolve(name)));
        }
        assertThat(Files.readAllLines(a.resolve("dataset-ids.csv")))
                .hasSize(26)
                .first()
                .isEqualTo("id,name,folder,format,rows");
        // ids are catalog ids of a 40-dataset lake: 1..40
        assertThat(Files.readAllLines(a.resolve("dataset-ids.csv")).stream()
                        .skip(1)
                        .map(line -> Integer.parseInt(line.split(",")[0])))
                .allMatch(id -> id >= 1 && id <= 40);
        assertThat(Files.exists(a.resolve("lake"))).isFalse();
    }

    @Test
    void feedersWithMetadataOnlyOrBadRowCountIsExit2() {
        assertThat(run(
                        "generate",
                        "--datasets",
                        "3",
                        "--metadata-only",
                        "--database",
                        "jdbc:h2:mem:x",
                        "--feeders",
                        dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--feeders does not go with --metadata-only");
        assertThat(run("generate", "--datasets", "3", "--feeders", dir.toString(), "--feeder-rows", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--feeder-rows must be between 1 and");
    }
}
