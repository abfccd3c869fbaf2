package io.headroom.cli;

import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.toolkit.config.Settings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The environment settings section of {@code serve --help}, generated from the code that reads them
 * ({@link ExplorerConfig#knownSettings()}), so a setting added there is listed here without an edit.
 */
final class EnvironmentHelp implements CommandLine.IModelTransformer {
    /** Read by bin/headroom before Java starts, so no configuration record knows it. */
    static final Settings.Read JAVA_OPTS = new Settings.Read("HEADROOM_JAVA_OPTS", "none (read by bin/headroom)");

    @Override
    public CommandSpec transform(CommandSpec spec) {
        spec.usageMessage()
                .footerHeading("%nEnvironment settings and their defaults (README.md explains each):%n")
                .footer(lines().toArray(String[]::new));
        return spec;
    }

    static List<Settings.Read> settings() {
        List<Settings.Read> all = new ArrayList<>(ExplorerConfig.knownSettings());
        all.add(JAVA_OPTS);
        return all;
    }

    private static List<String> lines() {
        List<Settings.Read> settings = settings();
        int width = settings.stream().mapToInt(s -> s.name().length()).max().orElse(0) + 2;
        // picocli formats footer lines with String.format: a literal % must be doubled.
        return settings.stream()
                .map(s ->
                        ("  " + s.name() + " ".repeat(width - s.name().length()) + s.defaultValue()).replace("%", "%%"))
                .toList();
    }
}
