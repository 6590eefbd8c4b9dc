package dev.spillway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

class SpillwayMigrateTest {

    @Test
    void versionIsPrintedAndAMissingCommandOrOptionIsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(SpillwayMigrate.run(new PrintWriter(out, true), new PrintWriter(err, true), "--version"))
            .isZero();
        assertThat(out.toString()).startsWith("spillway-migrate ");
        assertThat(SpillwayMigrate.run(new PrintWriter(out, true), new PrintWriter(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command: jdbc");
        assertThat(SpillwayMigrate.run(new PrintWriter(out, true), new PrintWriter(err, true), "jdbc", "--from", "a"))
            .isEqualTo(2);
        assertThat(err.toString()).contains("--connect-url");
    }
}
