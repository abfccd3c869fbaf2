package io.headroom.cli;

import io.headroom.explorer.catalog.MetadataOnlyGenerator;
import io.headroom.explorer.generate.LakeGenerator;
import io.headroom.explorer.generate.LoadFeeders;
import io.headroom.toolkit.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code headroom generate --datasets N --out DIR [--seed S]}: writes a deterministic synthetic lake
 * (SVC-10). {@code headroom generate --metadata-only --datasets N --database URL}: inserts N synthetic
 * catalog rows straight into a database (COPY on PostgreSQL), for million-row benchmarks.
 * {@code --feeders DIR} (with or without {@code --out}) writes the load-test feeder CSVs of that lake.
 * Bad arguments are a one-line message and exit 2.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generate a deterministic synthetic data lake (CSV, TSV, JSON, JSON Lines, Parquet, sidecars).")
final class GenerateCommand implements Callable<Integer> {
    static final int MAX_DATASETS = 1_000_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--datasets",
            required = true,
            paramLabel = "N",
            description = "How many datasets to generate, 1..1000000.")
    int datasets;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Directory to write the lake into (created if missing; same-named files are overwritten).")
    Path out;

    @Option(
            names = "--metadata-only",
            description = "Write catalog rows only (no files) into the database named by --database.")
    boolean metadataOnly;

    @Option(
            names = "--database",
            paramLabel = "URL",
            description = "With --metadata-only: a JDBC URL or postgresql://user:pass@host:port/db.")
    String database;

    @Option(names = "--database-user", paramLabel = "USER", description = "Database user, when not in the URL.")
    String databaseUser;

    @Option(
            names = "--database-password",
            paramLabel = "PASSWORD",
            description = "Database password, when not in the URL.")
    String databasePassword;

    @Option(
            names = "--feeders",
            paramLabel = "DIR",
            description =
                    "Also (or, without --out, only) write the load-test feeders of this lake into DIR: "
                            + "dataset-ids.csv, searches.csv, folders.csv (ids as the catalog assigns them on a fresh refresh).")
    Path feeders;

    @Option(
            names = "--feeder-rows",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Rows of dataset-ids.csv and searches.csv, 1..1000000 (default: ${DEFAULT-VALUE}).")
    int feederRows;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "Random seed: the same seed and N give the same bytes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (datasets < 1 || datasets > MAX_DATASETS) {
            return usageError("--datasets must be between 1 and " + MAX_DATASETS + ", got " + datasets);
        }
        if (feederRows < 1 || feederRows > MAX_DATASETS) {
            return usageError("--feeder-rows must be between 1 and " + MAX_DATASETS + ", got " + feederRows);
        }
        if (metadataOnly) {
            return metadataOnly();
        }
        if (database != null) {
            return usageError("--database goes with --metadata-only");
        }
        if (out == null && feeders != null) {
            return writeFeeders() ? 0 : 1;
        }
        if (out == null) {
            return usageError("--out DIR is required (or --feeders DIR, or --metadata-only --database URL)");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            return usageError("--out " + out + " cannot be created: " + e.getMessage());
        }
        if (!Files.isDirectory(out) || !Files.isWritable(out)) {
            return usageError("--out " + out + " is not a writable directory");
        }
        long started = System.nanoTime();
        try {
            LakeGenerator.Summary summary = LakeGenerator.generate(out, datasets, seed);
            long millis = (System.nanoTime() - started) / 1_000_000;
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Generated %d datasets (%d files, %d bytes) in %s in %d ms%n",
                            summary.datasets(), summary.files(), summary.bytes(), out, millis);
            return feeders == null || writeFeeders() ? 0 : 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("headroom generate: cannot write the lake: " + e.getMessage());
            return 1;
        }
    }

    private boolean writeFeeders() {
        try {
            LoadFeeders.Written written = LoadFeeders.write(feeders, datasets, seed, feederRows);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Wrote load-test feeders to %s: dataset-ids.csv (%d rows), searches.csv (%d rows), folders.csv (%d rows)%n",
                            feeders, written.datasetIds(), written.searches(), written.folders());
            return true;
        } catch (IOException e) {
            spec.commandLine().getErr().println("headroom generate: cannot write the feeders: " + e.getMessage());
            return false;
        }
    }

    private int metadataOnly() {
        if (database == null) {
            return usageError("--metadata-only needs --database URL");
        }
        if (feeders != null) {
            // A metadata-only catalog has its own names and folders, not the lake plans: the feeders would not match
            // it.
            return usageError("--feeders does not go with --metadata-only");
        }
        if (out != null) {
            return usageError("--out does not go with --metadata-only (no files are written)");
        }
        try {
            MetadataOnlyGenerator.LoadReport report =
                    MetadataOnlyGenerator.load(database, databaseUser, databasePassword, datasets, seed);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Loaded %d catalog rows in %d ms (%.0f rows/s)%n",
                            report.rows(), report.elapsed().toMillis(), report.rowsPerSecond());
            return 0;
        } catch (ConfigException e) {
            return usageError(e.getMessage());
        } catch (SQLException | RuntimeException e) {
            spec.commandLine().getErr().println("headroom generate: cannot load the catalog rows: " + e.getMessage());
            return 1;
        }
    }

    private int usageError(String message) {
        spec.commandLine().getErr().println("headroom generate: " + message);
        return 2;
    }
}
