package io.headroom.explorer.lake.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.discovery.DatasetFileName.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetFileNameTest {

    @ParameterizedTest(name = "{0} -> {1} v{2} {3}")
    @CsvSource({
        "sales.csv, sales, 0, PLAIN",
        "sales_processed.csv, sales, 0, PROCESSED",
        "sales_clean.csv, sales, 0, CLEANED",
        "sales_cleaned.csv, sales, 0, CLEANED",
        "sales_final.csv, sales, 0, FINAL",
        "sales_raw.csv, sales, 0, RAW",
        "sales_v2.csv, sales, 2, PLAIN",
        "sales_V12.csv, sales, 12, PLAIN",
        "sales-v3.csv, sales, 3, PLAIN",
        "sales_2024_v2_final.csv, sales_2024, 2, FINAL",
        "sales_2024_final_v2.csv, sales_2024, 2, FINAL",
        "sales_raw_processed.csv, sales, 0, PROCESSED",
        "sales_v1_v3.csv, sales, 3, PLAIN",
        "sales_FINAL.CSV, sales, 0, FINAL",
        "final.csv, final, 0, PLAIN",
        "v2.csv, v2, 0, PLAIN",
        "_v2.csv, _v2, 0, PLAIN",
        "sales_2024.csv, sales_2024, 0, PLAIN",
        "sales_version.csv, sales_version, 0, PLAIN",
        "sales_rawdata.csv, sales_rawdata, 0, PLAIN",
        "README, README, 0, PLAIN"
    })
    void stripsGroupingSuffixes(String file, String base, long version, Stage stage) {
        DatasetFileName name = DatasetFileName.parse(file);
        assertThat(name.baseName()).isEqualTo(base);
        assertThat(name.version()).isEqualTo(version);
        assertThat(name.stage()).isEqualTo(stage);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "a.csv, CSV, false",
        "a.CSV, CSV, false",
        "a.tsv, TSV, false",
        "a.tab, TSV, false",
        "a.json, JSON, false",
        "a.jsonl, JSONL, false",
        "a.ndjson, JSONL, false",
        "a.parquet, PARQUET, false",
        "a.pq, PARQUET, false",
        "a.avro, AVRO, false",
        "a.orc, ORC, false",
        "a.xls, EXCEL, false",
        "a.xlsx, EXCEL, false",
        "a.pdf, OTHER, false",
        "a, OTHER, false",
        "a.txt, OTHER, false",
        "a.csv.gz, CSV, true",
        "a.jsonl.GZ, JSONL, true",
        "a.gz, OTHER, true",
        "a_v2.tsv.gz, TSV, true"
    })
    void detectsFormatFromExtension(String file, DatasetFormat format, boolean gzip) {
        DatasetFileName name = DatasetFileName.parse(file);
        assertThat(name.format()).isEqualTo(format);
        assertThat(name.gzip()).isEqualTo(gzip);
        assertThat(name.baseName()).isEqualTo("a");
    }

    @ParameterizedTest
    @CsvSource({"sales.yaml, true", "sales.yml, true", "sales_v2.YAML, true", "sales.csv, false", "sales.yaml.gz, false"
    })
    void recognisesSidecars(String file, boolean sidecar) {
        assertThat(DatasetFileName.parse(file).sidecar()).isEqualTo(sidecar);
        assertThat(DatasetFileName.parse(file).baseName()).isEqualTo("sales");
    }
}
