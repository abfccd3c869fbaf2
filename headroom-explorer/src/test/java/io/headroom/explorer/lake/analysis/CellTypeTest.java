package io.headroom.explorer.lake.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellTypeTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "42|INTEGER",
                "-7|INTEGER",
                "+3|INTEGER",
                "0|INTEGER",
                "007|STRING",
                "123456789012345678|INTEGER",
                "1234567890123456789|STRING",
                "3.14|FLOAT",
                "-.5|FLOAT",
                "1e10|FLOAT",
                "2.5E-3|FLOAT",
                "1.|FLOAT",
                "1e|STRING",
                ".|STRING",
                "-|STRING",
                "true|BOOLEAN",
                "FALSE|BOOLEAN",
                "yes|STRING",
                "2024-02-29|DATE",
                "2024-13-01|STRING",
                "2024-1-01|STRING",
                "2024-01-01T10:15|TIMESTAMP",
                "2024-01-01 10:15:30.123Z|TIMESTAMP",
                "2024-01-01T10:15:30+02:00|TIMESTAMP",
                "2024-01-01Tnoon|STRING",
                "hello|STRING",
                "' '|EMPTY",
                "''|EMPTY",
                "' 12 '|INTEGER"
            })
    void classifiesCells(String cell, CellType type) {
        assertThat(CellType.of(cell)).isEqualTo(type);
    }

    @Test
    void widensIntegerToFloatToString() {
        assertThat(CellType.INTEGER.widen(CellType.FLOAT)).isEqualTo(CellType.FLOAT);
        assertThat(CellType.FLOAT.widen(CellType.INTEGER)).isEqualTo(CellType.FLOAT);
        assertThat(CellType.FLOAT.widen(CellType.DATE)).isEqualTo(CellType.STRING);
        assertThat(CellType.DATE.widen(CellType.TIMESTAMP)).isEqualTo(CellType.TIMESTAMP);
        assertThat(CellType.DATE.widen(CellType.STRING)).isEqualTo(CellType.STRING);
        assertThat(CellType.BOOLEAN.widen(CellType.INTEGER)).isEqualTo(CellType.STRING);
        assertThat(CellType.STRING.widen(CellType.INTEGER)).isEqualTo(CellType.STRING);
    }

    @Test
    void emptyCellsNeverChangeAType() {
        for (CellType type : CellType.values()) {
            assertThat(type.widen(CellType.EMPTY)).isEqualTo(type);
            assertThat(CellType.EMPTY.widen(type)).isEqualTo(type);
        }
        assertThat(CellType.EMPTY.apiName()).isEqualTo("string");
    }
}
