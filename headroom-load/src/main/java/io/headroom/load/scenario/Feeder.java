package io.headroom.load.scenario;

import io.headroom.load.csv.CsvRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rows of a CSV file (first line = column names) handed out to iterations: {@code sequential} (each row
 * once, in file order; when all are used the run ends, like a JMeter CSV Data Set without recycling),
 * {@code circular} (in order, wrapping around), {@code random} (uniformly at random). Thread-safe.
 */
public final class Feeder {

    public enum Mode {
        SEQUENTIAL,
        CIRCULAR,
        RANDOM
    }

    private final String name;
    private final Mode mode;
    private final List<String> columns;
    private final List<Map<String, String>> rows;
    private final AtomicLong next = new AtomicLong();

    public Feeder(String name, Mode mode, List<String> columns, List<Map<String, String>> rows) {
        this.name = name;
        this.mode = mode;
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    public static Feeder load(String name, Mode mode, Path file) {
        CsvRows csv = CsvRows.read(file);
        if (csv.rows().isEmpty()) {
            throw new ScenarioException(file + ": feeder '" + name + "' has a header but no rows");
        }
        return new Feeder(name, mode, csv.columns(), csv.rows());
    }

    public String name() {
        return name;
    }

    public Mode mode() {
        return mode;
    }

    public List<String> columns() {
        return columns;
    }

    public int size() {
        return rows.size();
    }

    /** The next row, or null when a sequential feeder has handed out every row. */
    public Map<String, String> nextRow() {
        return switch (mode) {
            case RANDOM -> rows.get(ThreadLocalRandom.current().nextInt(rows.size()));
            case CIRCULAR -> rows.get((int) (next.getAndIncrement() % rows.size()));
            case SEQUENTIAL -> {
                long i = next.getAndIncrement();
                yield i < rows.size() ? rows.get((int) i) : null;
            }
        };
    }
}
