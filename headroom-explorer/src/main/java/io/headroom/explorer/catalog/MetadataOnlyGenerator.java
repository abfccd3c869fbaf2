package io.headroom.explorer.catalog;

import io.headroom.explorer.db.CatalogDatabase;
import io.headroom.toolkit.db.DatabaseUrl;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Synthetic catalog rows without any files behind them, to measure the catalog at sizes a real lake
 * would take hours to build. Deterministic: the same seed gives the same datasets. Shapes follow real
 * open-data portals: a few folders hold most datasets (Zipf-like), CSV dominates, sizes are
 * log-normal (median ~2 MB, a long tail into GB), tags come from the folder's topic.
 */
public final class MetadataOnlyGenerator {
    private static final String[] FOLDERS = {
        "environment",
        "environment/air",
        "health",
        "transport/roads",
        "economy",
        "environment/water",
        "health/hospitals",
        "education/schools",
        "transport/rail",
        "government/budget",
        "energy/grid",
        "social/census",
        "agriculture",
        "geo/boundaries",
        "economy/trade",
        "science/genomics",
        "health/covid",
        "environment/climate",
        "culture",
        "government/elections",
        "transport/air",
        "economy/labour",
        "science/astronomy",
        "geo/elevation",
        "tourism",
        "sports",
        "finance",
        "energy",
        "education",
        "housing"
    };
    private static final DatasetFormat[] FORMATS = {
        DatasetFormat.CSV,
        DatasetFormat.PARQUET,
        DatasetFormat.JSON,
        DatasetFormat.JSONL,
        DatasetFormat.TSV,
        DatasetFormat.EXCEL,
        DatasetFormat.AVRO,
        DatasetFormat.ORC,
        DatasetFormat.OTHER
    };
    private static final double[] FORMAT_WEIGHTS = {40, 20, 12, 8, 5, 5, 4, 3, 3};
    private static final String[] SUBJECTS = {
        "air",
        "quality",
        "traffic",
        "water",
        "hospital",
        "school",
        "budget",
        "census",
        "energy",
        "rail",
        "weather",
        "crime",
        "housing",
        "income",
        "trade",
        "crop",
        "station",
        "sensor",
        "population",
        "emission",
        "flight",
        "election",
        "genome",
        "star",
        "museum",
        "stadium",
        "tax",
        "price"
    };
    private static final String[] KINDS = {
        "readings",
        "counts",
        "survey",
        "index",
        "registry",
        "statistics",
        "measurements",
        "forecast",
        "inventory",
        "summary",
        "daily",
        "monthly",
        "annual",
        "locations"
    };
    private static final String[] GENERIC_TAGS = {
        "open-data", "official", "monthly", "sensors", "survey", "time-series", "geospatial", "experimental"
    };
    private static final String[] LICENSES = {"CC-BY-4.0", "CC0-1.0", "ODbL-1.0", "OGL-UK-3.0", "CC-BY-SA-4.0"};
    private static final String[][] COLUMN_TYPES = {
        {"id", "integer"},
        {"name", "string"},
        {"date", "date"},
        {"value", "float"},
        {"station", "string"},
        {"region", "string"},
        {"count", "integer"},
        {"latitude", "float"},
        {"longitude", "float"},
        {"category", "string"},
        {"active", "boolean"},
        {"amount", "float"},
        {"year", "integer"},
        {"code", "string"},
        {"rate", "float"},
        {"updated", "date"}
    };
    private static final Instant OLDEST = Instant.parse("2019-01-01T00:00:00Z");
    private static final long SPAN_SECONDS =
            Duration.between(OLDEST, Instant.parse("2025-10-01T00:00:00Z")).toSeconds();

    private final double[] folderCumulative;
    private final double[] formatCumulative;

    private MetadataOnlyGenerator() {
        double[] folderWeights = new double[FOLDERS.length];
        for (int i = 0; i < FOLDERS.length; i++) {
            folderWeights[i] = 1.0 / Math.pow(i + 1, 1.1); // Zipf-like: the first folders hold most datasets
        }
        folderCumulative = cumulative(folderWeights);
        formatCumulative = cumulative(FORMAT_WEIGHTS);
    }

    /** What a load did, for the caller to print. */
    public record LoadReport(long rows, Duration elapsed) {
        public double rowsPerSecond() {
            return rows / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /**
     * Migrates the schema at {@code jdbcUrl} (a JDBC URL or postgresql://...), then bulk-loads
     * {@code count} synthetic datasets generated from {@code seed}.
     *
     * @param user null when the URL carries it
     */
    public static LoadReport load(String jdbcUrl, String user, String password, long count, long seed)
            throws SQLException {
        DatabaseUrl url = DatabaseUrl.parse("database URL", jdbcUrl);
        String effectiveUser = user != null ? user : url.user().orElse(null);
        String effectivePassword = password != null ? password : url.password().orElse(null);
        CatalogDatabase.migrate(url.jdbcUrl(), effectiveUser, effectivePassword);
        Properties properties = new Properties();
        if (effectiveUser != null) {
            properties.setProperty("user", effectiveUser);
        }
        if (effectivePassword != null) {
            properties.setProperty("password", effectivePassword);
        }
        long start = System.nanoTime();
        long rows = CatalogBulkLoader.forUrl(url.jdbcUrl())
                .load(() -> DriverManager.getConnection(url.jdbcUrl(), properties), datasets(count, seed));
        return new LoadReport(rows, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The datasets, generated lazily (a million never sit in memory at once). */
    public static Iterator<DatasetMetadata> datasets(long count, long seed) {
        MetadataOnlyGenerator generator = new MetadataOnlyGenerator();
        SplittableRandom random = new SplittableRandom(seed);
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public DatasetMetadata next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return generator.dataset(random, next++);
            }
        };
    }

    private DatasetMetadata dataset(SplittableRandom random, long index) {
        String folder = FOLDERS[pick(folderCumulative, random)];
        DatasetFormat format = FORMATS[pick(formatCumulative, random)];
        String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
        String name =
                subject + "_" + KINDS[random.nextInt(KINDS.length)] + "_" + (2005 + random.nextInt(21)) + "_" + index;
        // Log-normal size: median e^14.5 ≈ 2 MB, sigma 2 spreads it from a few KB to tens of GB.
        long size = Math.max(64, Math.min(50L << 30, (long) Math.exp(14.5 + 2.0 * gaussian(random))));
        Instant modified = OLDEST.plusSeconds(random.nextLong(SPAN_SECONDS));
        boolean tabular = format != DatasetFormat.OTHER;
        int columnCount = tabular ? 2 + random.nextInt(COLUMN_TYPES.length - 1) : 0;
        List<Column> columns = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            columns.add(new Column(COLUMN_TYPES[i][0], COLUMN_TYPES[i][1]));
        }
        Long records = tabular ? Math.max(1, size / (40 + random.nextInt(260))) : null;
        Double completeness = tabular ? Math.round((60 + random.nextDouble() * 40) * 10) / 10.0 : null;
        List<String> tags = new ArrayList<>(3);
        tags.add(folder.substring(folder.lastIndexOf('/') + 1));
        int generic = random.nextInt(3);
        for (int i = 0; i < generic; i++) {
            String tag = GENERIC_TAGS[random.nextInt(GENERIC_TAGS.length)];
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return new DatasetMetadata(
                folder + "/" + name + "." + extension(format),
                name,
                folder,
                format,
                size,
                modified,
                records,
                tabular && size < (64L << 20),
                tabular ? columnCount : null,
                completeness,
                columns,
                tags,
                "Synthetic " + subject + " " + format.apiName() + " dataset in " + folder,
                LICENSES[random.nextInt(LICENSES.length)]);
    }

    private static String extension(DatasetFormat format) {
        return switch (format) {
            case EXCEL -> "xlsx";
            case OTHER -> "bin";
            default -> format.apiName();
        };
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian, and java.util.Random would not split.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double[] cumulative(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] result = new double[weights.length];
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i] / total;
            result[i] = running;
        }
        result[weights.length - 1] = 1.0;
        return result;
    }

    private static int pick(double[] cumulative, SplittableRandom random) {
        double r = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (r < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
