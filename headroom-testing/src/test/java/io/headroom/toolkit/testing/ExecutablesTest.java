package io.headroom.toolkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutablesTest {
    @TempDir
    Path dir;

    @Test
    void takesTheFirstExecutableOnThePath() throws IOException {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        Path wanted = program(second, "redis-server");
        program(Files.createDirectories(dir.resolve("third")), "redis-server");
        String path = String.join(
                File.pathSeparator,
                first.toString(),
                "",
                second.toString(),
                dir.resolve("third").toString());

        assertThat(Executables.find("redis-server", path, dir.resolve("no-postgresql")))
                .contains(wanted);
    }

    @Test
    void skipsAFileThatIsNotExecutable() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("promtool"), "not a program");
        Files.setPosixFilePermissions(bin.resolve("promtool"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(Executables.find("promtool", bin.toString(), dir.resolve("no-postgresql")))
                .isEmpty();
    }

    @Test
    void fallsBackToTheNewestPostgresqlVersionOffThePath() throws IOException {
        Path versions = dir.resolve("postgresql");
        program(Files.createDirectories(versions.resolve("9.6/bin")), "initdb");
        Path newest = program(Files.createDirectories(versions.resolve("16/bin")), "initdb");
        program(Files.createDirectories(versions.resolve("15/bin")), "initdb");

        assertThat(Executables.find("initdb", dir.resolve("empty").toString(), versions))
                .contains(newest);
    }

    @Test
    void thePathWinsOverThePostgresqlDirectories() throws IOException {
        Path onPath = program(Files.createDirectories(dir.resolve("bin")), "pg_ctl");
        program(Files.createDirectories(dir.resolve("postgresql/16/bin")), "pg_ctl");

        assertThat(Executables.find("pg_ctl", onPath.getParent().toString(), dir.resolve("postgresql")))
                .contains(onPath);
    }

    @Test
    void aMissingProgramIsEmpty() {
        assertThat(Executables.find("no-such-program", null, dir.resolve("no-postgresql")))
                .isEmpty();
    }

    private static Path program(Path directory, String name) throws IOException {
        Path file = Files.writeString(directory.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
