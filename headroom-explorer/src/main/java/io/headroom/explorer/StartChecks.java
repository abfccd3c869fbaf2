package io.headroom.explorer;

import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.db.DatabaseUnreachableException;
import io.headroom.explorer.generate.SampleLake;
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.lake.s3.S3ObjectStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What start-up checks before and while it builds the service, and the one-line reasons it gives up. */
final class StartChecks {
    private StartChecks() {}

    /**
     * A taken port found up front, in one line, instead of after the sample lake and the migrations.
     * The server's own bind stays the authority: the port may still be taken in between.
     */
    static void failIfCannotListen(ExplorerConfig.ServerSettings server) {
        if (server.port() != 0) {
            bindProblem(server).ifPresent(problem -> {
                throw new ExplorerServer.StartFailure(problem);
            });
        }
    }

    /** A server Helidon returned stopped (it logs a failed bind and returns): the reason, in one line. */
    static ExplorerServer.StartFailure notListening(ExplorerConfig.ServerSettings server) {
        return new ExplorerServer.StartFailure(bindProblem(server)
                .orElse("Cannot listen on " + server.host() + ":" + server.port()
                        + " (the server log above says why)"));
    }

    /**
     * Why the address cannot be bound ("Address already in use", "Permission denied"), found by binding
     * it once: Helidon reports a failed bind only in its log.
     */
    private static Optional<String> bindProblem(ExplorerConfig.ServerSettings server) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(server.host(), server.port()));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("Cannot listen on " + server.host() + ":" + server.port() + ": " + e.getMessage()
                    + " (HEADROOM_PORT or serve --port chooses another port)");
        }
    }

    static ExplorerServer.StartFailure databaseFailure(DatabaseUnreachableException e) {
        if (e.fileInUse()) {
            return new ExplorerServer.StartFailure(
                    "The catalog database " + e.location() + " is in use by another"
                            + " process (another 'headroom serve' on the same data directory?): stop that one, or give this"
                            + " one another data directory (--data-dir or HEADROOM_DATA_DIR).",
                    e);
        }
        return new ExplorerServer.StartFailure(
                "Cannot connect to the catalog database named by DATABASE_URL (" + e.location() + "): " + e.reason(),
                e);
    }

    /**
     * The S3 lake when {@code S3_BUCKET} is set (its client connects lazily: an unreachable S3 shows in
     * the health checks and the refresh, not as a failed start); else the local lake, into which a sample
     * lake is generated first when the directory does not exist yet.
     */
    static ObjectStore openLake(ExplorerConfig.LakeSettings lake) {
        if (lake.s3().enabled()) {
            return S3ObjectStore.open(lake.s3());
        }
        Path directory = lake.directory();
        try {
            // staged then moved into place: a start that dies half-way never leaves a partial "sample" lake
            SampleLake.ensure(directory, lake.sampleDatasets());
            Files.createDirectories(directory);
            return new LocalObjectStore(directory);
        } catch (IOException e) {
            throw new ExplorerServer.StartFailure(
                    "Cannot open the lake directory " + directory.toAbsolutePath() + " (HEADROOM_LAKE_DIR): "
                            + e.getMessage(),
                    e);
        }
    }
}
