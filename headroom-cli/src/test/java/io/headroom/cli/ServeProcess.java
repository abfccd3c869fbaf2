package io.headroom.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code headroom ARGS...} in a JVM of its own, as {@code bin/headroom} runs it: through {@code main},
 * so with the console logging configuration, its own environment and a real exit code. Stdout is
 * read line by line; stderr goes to a file, read after the process ends.
 */
final class ServeProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader stdout;
    private final List<String> stdoutLines = new ArrayList<>();
    private final Path stderr;

    private ServeProcess(Process process, Path stderr) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderr = stderr;
    }

    static ServeProcess start(Path workDir, Map<String, String> environment, String... args) throws IOException {
        // --enable-native-access is what the jar's manifest grants under bin/headroom (Enable-Native-Access).
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                HeadroomCommand.class.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectError(stderr.toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("HEADROOM_")
                        || name.startsWith("DATABASE_")
                        || name.startsWith("REDIS_")
                        || name.startsWith("CACHE_")
                        || name.startsWith("HTTP_"));
        builder.environment().putAll(environment);
        return new ServeProcess(builder.start(), stderr);
    }

    /** Reads stdout up to the first line starting with {@code prefix}; fails if the process ends first. */
    String awaitLine(String prefix) throws IOException {
        String line;
        while ((line = stdout.readLine()) != null) {
            stdoutLines.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError(
                "exited before printing '" + prefix + "...'; stdout " + stdoutLines + ", stderr " + stderr());
    }

    /** Waits for the process to end on its own (a failed start); the test's timeout bounds the wait. */
    int awaitExit() throws InterruptedException, IOException {
        for (String line; (line = stdout.readLine()) != null; ) {
            stdoutLines.add(line);
        }
        return process.waitFor();
    }

    List<String> stdoutLines() {
        return List.copyOf(stdoutLines);
    }

    List<String> stderrLines() {
        try {
            return Files.readAllLines(stderr).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String stderr() {
        return String.join("\n", stderrLines());
    }

    /** Stops the service as Ctrl-C would (its shutdown hook runs). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
