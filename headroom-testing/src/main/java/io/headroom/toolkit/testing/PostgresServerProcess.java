package io.headroom.toolkit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server (initdb in a temp directory, run as the {@code postgres} user, on a free
 * port), for tests that must kill the database under a running service without touching the shared
 * instance; {@link #startReplica()} adds a streaming replica of it. Skips the test when the binaries are
 * missing or the test cannot switch to the postgres user (it must run as root).
 */
public final class PostgresServerProcess implements AutoCloseable {
    private static final String USER = "postgres";
    /** PostgreSQL's bin directory: pg_ctl sits beside the initdb that was found. */
    private final Path bin;

    private final Path dataDir;
    private final int port;

    private PostgresServerProcess(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    public static PostgresServerProcess start() {
        Optional<Path> initdb = Executables.find("initdb");
        assumeTrue(
                initdb.isPresent(), "initdb is not on the PATH nor in /usr/lib/postgresql/*/bin: this test is skipped");
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "initdb must run as the postgres user, which only root can switch to: this test is skipped");
        try {
            // The real directory: a symlinked initdb (/usr/local/bin) may have pg_ctl beside it but not pg_basebackup.
            PostgresServerProcess postgres = new PostgresServerProcess(
                    initdb.get().toRealPath().getParent(),
                    postgresOwnedTempDir().resolve("data"),
                    freePort());
            postgres.asPostgres(
                    Duration.ofMinutes(2),
                    initdb.get().toString(),
                    "-D",
                    postgres.dataDir.toString(),
                    "-U",
                    USER,
                    "-A",
                    "trust",
                    "--no-sync");
            postgres.restart();
            return postgres;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare a private PostgreSQL", e);
        }
    }

    /**
     * A hot standby of this server (RES-4): {@code pg_basebackup -R} (which writes the standby's
     * {@code primary_conninfo} and {@code standby.signal}) into a directory of its own, started on another
     * free port; it streams the primary's WAL from then on. initdb's default {@code wal_level=replica} and
     * its {@code -A trust} replication lines in pg_hba.conf are all the primary needs. Close it before the
     * primary.
     */
    public PostgresServerProcess startReplica() {
        try {
            PostgresServerProcess replica =
                    new PostgresServerProcess(bin, postgresOwnedTempDir().resolve("data"), freePort());
            asPostgres(
                    Duration.ofMinutes(2),
                    bin.resolve("pg_basebackup").toString(),
                    "-D",
                    replica.dataDir.toString(),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    Integer.toString(port),
                    "-U",
                    USER,
                    "-R",
                    "-X",
                    "stream",
                    "--checkpoint=fast",
                    "--no-sync");
            replica.restart();
            return replica;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare a private PostgreSQL replica", e);
        }
    }

    private static Path postgresOwnedTempDir() throws IOException {
        Path dir = Files.createTempDirectory("headroom-pg-");
        run(List.of("chown", USER, dir.toString()), Duration.ofSeconds(10));
        return dir;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
    }

    /** Starts (again) on the same port and data directory, and waits until it accepts connections. */
    public void restart() {
        asPostgres(
                Duration.ofMinutes(1),
                bin.resolve("pg_ctl").toString(),
                "-D",
                dataDir.toString(),
                "-w",
                "-t",
                "60",
                "-l",
                dataDir.resolveSibling("server.log").toString(),
                "-o",
                "-p " + port + " -k " + dataDir.getParent() + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start");
        Await.until(Duration.ofSeconds(30), "PostgreSQL on port " + port + " accepts connections", this::accepts);
    }

    /** {@code pg_ctl stop -m immediate}: every backend dies at once, as in a crash. */
    public void killImmediately() {
        asPostgres(
                Duration.ofMinutes(1),
                bin.resolve("pg_ctl").toString(),
                "-D",
                dataDir.toString(),
                "-m",
                "immediate",
                "-w",
                "stop");
    }

    private boolean accepts() {
        try (Connection c = DriverManager.getConnection(jdbcUrl())) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void asPostgres(Duration timeout, String... command) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        full.addAll(List.of(command));
        run(full, timeout);
    }

    private static void run(List<String> command, Duration timeout) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output =
                    process.getInputStream().readAllBytes(); // pg_ctl's children keep no handle to this pipe (-l)
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command, e);
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                killImmediately();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dataDir.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory left behind is harmless
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
