package io.headroom.toolkit.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the programs that tests start (redis-server, promtool, PostgreSQL's initdb and pg_ctl):
 * first on the {@code PATH}, then in {@code /usr/lib/postgresql/<version>/bin}, newest version
 * first, where Debian installs the PostgreSQL server programs without putting them on the PATH.
 * No install path is written into a test, so the same test runs on any machine that has the
 * program, and is skipped (never failed) on one that does not.
 */
public final class Executables {
    private static final Path POSTGRESQL_VERSIONS = Path.of("/usr/lib/postgresql");

    private Executables() {}

    public static Optional<Path> find(String name) {
        return find(name, System.getenv("PATH"), POSTGRESQL_VERSIONS);
    }

    /** The search itself, with the PATH value and the PostgreSQL versions directory given (tests). */
    static Optional<Path> find(String name, String pathVariable, Path postgresqlVersions) {
        List<Path> directories = new ArrayList<>();
        if (pathVariable != null) {
            for (String entry : pathVariable.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    directories.add(Path.of(entry));
                }
            }
        }
        directories.addAll(postgresqlBinDirectories(postgresqlVersions));
        return directories.stream()
                .map(directory -> directory.resolve(name))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    private static List<Path> postgresqlBinDirectories(Path versions) {
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(versions)) {
            return entries.filter(version -> version.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .sorted(Comparator.comparingDouble((Path version) ->
                                    Double.parseDouble(version.getFileName().toString()))
                            .reversed())
                    .map(version -> version.resolve("bin"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
