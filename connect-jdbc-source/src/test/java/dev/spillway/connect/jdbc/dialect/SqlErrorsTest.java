package dev.spillway.connect.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

class SqlErrorsTest {

    @Test
    void lostConnectionsAndRestartsAreTransient() {
        assertThat(SqlErrors.isTransient(new SQLException("gone", "08006"))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLException("shutting down", "57P01"))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLException("lost", "HY000", 2013))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLTransientConnectionException("pool timeout"))).isTrue();
    }

    @Test
    void badCredentialsAndAccessAreNotEvenWhenAPoolWrapsThem() {
        SQLException login = new SQLException("password authentication failed", "28P01");
        assertThat(SqlErrors.isTransient(login)).isFalse();
        assertThat(SqlErrors.isAuthentication(login)).isTrue();
        assertThat(SqlErrors.isTransient(new SQLTransientConnectionException("timeout",
            new SQLException("Access denied for user", "28000", 1045)))).isFalse();
        assertThat(SqlErrors.isTransient(new SQLTransientConnectionException("timeout",
            new SQLException("Access denied to database", "42000", 1044)))).isFalse();
        assertThat(SqlErrors.isTransient(new SQLException("no such database", "3D000"))).isFalse();
        assertThat(SqlErrors.isTransient(new SQLException("permission denied", "42501"))).isFalse();
        assertThat(SqlErrors.isTransient(new SQLException("syntax", "42601"))).isFalse();
    }

    @Test
    void aMissingTableIsTransientUntilTheTaskAsksTheCatalog() {
        assertThat(SqlErrors.isTransient(new SQLException("relation does not exist", "42P01"))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLException("doesn't exist", "42S02", 1146))).isTrue();
    }

    @Test
    void aTableAlteredUnderAReadIsRetried() {
        assertThat(SqlErrors.isTransient(new SQLException("ERROR: cached plan must not change result type", "0A000")))
            .isTrue();
        assertThat(SqlErrors.isTransient(new SQLException("Table definition has changed, please retry transaction",
            "HY000", 1412))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLException("ERROR: unsupported feature", "0A000"))).isFalse();
    }

    @Test
    void aMissingTableOrViewIsToldApart() {
        assertThat(SqlErrors.isMissingRelation(new SQLException("relation \"t\" does not exist", "42P01"))).isTrue();
        assertThat(SqlErrors.isMissingRelation(new SQLException("Table 's.t' doesn't exist", "42S02", 1146))).isTrue();
        assertThat(SqlErrors.isMissingRelation(new SQLTransientConnectionException("wrapped",
            new SQLException("gone", "42P01")))).isTrue();
        assertThat(SqlErrors.isMissingRelation(new SQLException("column does not exist", "42703"))).isFalse();
        assertThat(SqlErrors.isMissingRelation(new SQLException("gone", "08006"))).isFalse();
    }

    @Test
    void describeIsOneLineWithoutUrlSecrets() {
        String text = SqlErrors.describe(new SQLException("ERROR: relation \"t\" does not exist\n  Position: 15",
            "42P01", new SQLException("Could not connect to jdbc:x://h/db?user=u&password=S3cr3t")));
        assertThat(text).doesNotContain("\n").doesNotContain("S3cr3t")
            .startsWith("ERROR: relation \"t\" does not exist Position: 15 [SQLState 42P01]");
    }

    @Test
    void describeKeepsEveryCauseAndState() {
        String text = SqlErrors.describe(new SQLException("outer", "08001", new SQLException("inner", "28P01")));
        assertThat(text).contains("outer [SQLState 08001]").contains("inner [SQLState 28P01]");
    }
}
