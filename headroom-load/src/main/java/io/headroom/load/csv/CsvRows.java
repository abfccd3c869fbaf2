package io.headroom.load.csv;

import io.headroom.csv.CsvReader;
import io.headroom.load.scenario.ScenarioException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A whole small CSV file (feeder data): the header's column names and each row as column → value. */
public record CsvRows(List<String> columns, List<Map<String, String>> rows) {

    public static CsvRows read(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvReader csv = CsvReader.strict(reader, ',');
            List<String> header = csv.next();
            if (header == null) {
                throw new ScenarioException(file + ": empty CSV file, expected a header line with column names");
            }
            List<String> columns = header.stream().map(String::strip).toList();
            List<Map<String, String>> rows = new ArrayList<>();
            while (true) {
                long line = csv.line();
                List<String> fields = csv.next();
                if (fields == null) {
                    return new CsvRows(columns, rows);
                }
                if (fields.size() != columns.size()) {
                    throw new ScenarioException(file + ": line " + line + ": " + fields.size()
                            + " fields, the header has " + columns.size());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i), fields.get(i));
                }
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": feeder file not found");
        } catch (IOException e) {
            throw new ScenarioException(file + ": " + e.getMessage());
        }
    }
}
