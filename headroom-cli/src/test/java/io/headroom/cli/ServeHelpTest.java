package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code serve --help} and the README's settings table list the same environment variables. */
class ServeHelpTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]+");
    private static final Pattern ALTERNATIVES = Pattern.compile("\\{([^}]*)}");

    @Test
    void helpListsTheOptionsAndEveryEnvironmentSetting() {
        CommandRun run = CommandRun.of("serve", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--port=PORT").contains("--host=ADDRESS").contains("--data-dir=DIR");
        for (Settings.Read setting : EnvironmentHelp.settings()) {
            assertThat(run.out())
                    .as(setting.name())
                    .containsPattern("(?m)^  " + setting.name() + " +" + Pattern.quote(setting.defaultValue()) + "$");
        }
        assertThat(run.out())
                .containsPattern("(?m)^  HEADROOM_PORT +8080$")
                .containsPattern("(?m)^  HEADROOM_METRICS_TOKEN +none$")
                .containsPattern("(?m)^  HEADROOM_REFRESH_INTERVAL +30m$");
    }

    @Test
    void theReadmeTableAndTheHelpNameTheSameSettings() throws IOException {
        Set<String> readme = readmeSettings();
        Set<String> help = EnvironmentHelp.settings().stream()
                .map(Settings.Read::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(readme).as("README table").hasSizeGreaterThan(40);
        assertThat(help).as("in the code, missing from the README table").isSubsetOf(readme);
        assertThat(readme).as("in the README table, read by no code").isSubsetOf(help);
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        CommandRun run = CommandRun.of("serve", "--port", "70000");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("headroom serve: --port must be from 0 to 65535" + System.lineSeparator());
    }

    /** The variable names of README.md's configuration table, {@code A_{X,Y}_B} patterns expanded. */
    private static Set<String> readmeSettings() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int header = lines.indexOf("| setting | environment variable | default |");
        assertThat(header).as("the README's settings table").isNotNegative();
        Set<String> names = new TreeSet<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            Matcher code = CODE.matcher(line.split("\\|")[2]);
            while (code.find()) {
                expand(code.group(1)).stream()
                        .filter(n -> NAME.matcher(n).matches())
                        .forEach(names::add);
            }
        }
        return names;
    }

    private static List<String> expand(String pattern) {
        Matcher group = ALTERNATIVES.matcher(pattern);
        if (!group.find()) {
            return List.of(pattern);
        }
        List<String> result = new ArrayList<>();
        for (String alternative : group.group(1).split(",")) {
            result.addAll(expand(pattern.substring(0, group.start()) + alternative + pattern.substring(group.end())));
        }
        return result;
    }
}
