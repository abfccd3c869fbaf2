package io.headroom.toolkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void replacesLiteralsAndCollapsesInLists() {
        assertThat(SqlText.normalise("SELECT * FROM t WHERE id = 42 AND name = 'O''Brien'  AND x IN (1, 2,3)"))
                .isEqualTo("SELECT * FROM t WHERE id = ? AND name = ? AND x IN (?)");
    }

    @Test
    void keepsIdentifiersThatContainDigits() {
        assertThat(SqlText.normalise("SELECT col1, t2.x FROM table_2 t2 LIMIT 10"))
                .isEqualTo("SELECT col1, t2.x FROM table_2 t2 LIMIT ?");
    }

    @Test
    void classifiesStatementsByTheirVerb() {
        assertThat(SqlText.type("  select 1")).isEqualTo(SqlText.StatementType.SELECT);
        assertThat(SqlText.type("INSERT INTO t VALUES (1)")).isEqualTo(SqlText.StatementType.INSERT);
        assertThat(SqlText.type("update t set a = 1")).isEqualTo(SqlText.StatementType.UPDATE);
        assertThat(SqlText.type("DELETE FROM t")).isEqualTo(SqlText.StatementType.DELETE);
        assertThat(SqlText.type("WITH x AS (SELECT 1) DELETE FROM t USING x")).isEqualTo(SqlText.StatementType.DELETE);
        assertThat(SqlText.type("CREATE TABLE t (a int)")).isEqualTo(SqlText.StatementType.OTHER);
    }
}
