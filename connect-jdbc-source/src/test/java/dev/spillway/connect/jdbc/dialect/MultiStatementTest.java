package dev.spillway.connect.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.query.QueryBuilder;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

/** A custom query that closes the derived table's parentheses and adds statements is told apart by the driver's parser. */
class MultiStatementTest {

    private final Dialect postgres = new PostgresDialect();
    private final Dialect mariadb = new MariaDbDialect(ZoneOffset.UTC);

    @Test
    void aQueryBreakingOutOfItsParenthesesIsSeveralStatements() {
        for (Dialect dialect : new Dialect[] {postgres, mariadb}) {
            assertThat(multi(dialect, "SELECT 1 AS id) x; DELETE FROM t; --")).as(dialect.name()).isTrue();
            assertThat(multi(dialect, "SELECT 1) x; COMMIT; SET SESSION TRANSACTION READ WRITE; COMMIT; DELETE FROM t"
                + " WHERE (1 = 1")).as(dialect.name()).isTrue();
        }
        assertThat(multi(postgres, "SELECT 1) x; BEGIN READ WRITE; DELETE FROM t; COMMIT; /*")).isTrue();
    }

    @Test
    void semicolonsInStringsCommentsAndQuotedNamesAreOneStatement() {
        for (Dialect dialect : new Dialect[] {postgres, mariadb}) {
            assertThat(multi(dialect, "SELECT id, ';' AS s FROM t WHERE name <> 'a;b'")).as(dialect.name()).isFalse();
            assertThat(multi(dialect, "SELECT id FROM t /* ; DELETE FROM t */")).as(dialect.name()).isFalse();
            assertThat(multi(dialect, "SELECT id FROM t;")).as("trailing semicolon, " + dialect.name()).isFalse();
            assertThat(multi(dialect, "SELECT id FROM t WHERE a = 1 UNION SELECT id FROM u"))
                .as(dialect.name()).isFalse();
        }
        assertThat(multi(postgres, "SELECT \"a;b\" FROM t WHERE x = $$;$$")).isFalse();
        assertThat(multi(mariadb, "SELECT `a;b` FROM t")).isFalse();
        assertThat(multi(postgres, "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d")).isFalse();
    }

    @Test
    void theGenericDialectCannotTell() {
        assertThat(multi(new GenericDialect(), "SELECT 1) x; DELETE FROM t; --")).isFalse();
    }

    private static boolean multi(Dialect dialect, String query) {
        return QueryBuilder.forQuery(dialect, query).isMultiStatement();
    }
}
