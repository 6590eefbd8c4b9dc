package dev.spillway.connect.jdbc;

import static dev.spillway.testcluster.converters.ConverterRoundTrip.assertRoundTrips;
import static dev.spillway.testcluster.converters.ConverterRoundTrip.avroSchema;
import static dev.spillway.testcluster.converters.ConverterRoundTrip.readWithNewerSchema;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.SchemaCompatibility;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Tables altered while a task reads them: each change gives a new Connect schema whose Avro form reads the records
 * written before it (a registry's default BACKWARD rule), checked with Avro's own compatibility check and by
 * actually reading old records with the new schema.
 */
class SchemaEvolutionIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void postgres() throws Exception {
        evolve(TestDatabase.POSTGRES, "CREATE TABLE %s (id BIGSERIAL PRIMARY KEY, qty INT, note VARCHAR(10),"
                + " amount NUMERIC(10,2), code NUMERIC(9,0))",
            List.of(
                new Change("ALTER TABLE %s ADD COLUMN extra TEXT", "extra", null),
                new Change("ALTER TABLE %s ADD COLUMN status TEXT NOT NULL DEFAULT 'new'", "status", "new"),
                new Change("ALTER TABLE %s ADD COLUMN level INT NOT NULL DEFAULT -1", "level", -1),
                new Change("ALTER TABLE %s ADD COLUMN price NUMERIC(8,3) NOT NULL DEFAULT 1.5", "price",
                    new BigDecimal("1.500")),
                new Change("ALTER TABLE %s ADD COLUMN flag BOOLEAN NOT NULL DEFAULT true", "flag", true),
                new Change("ALTER TABLE %s ALTER COLUMN qty TYPE BIGINT", "qty", 8L),
                new Change("ALTER TABLE %s ALTER COLUMN note TYPE VARCHAR(100)", "note", "m"),
                new Change("ALTER TABLE %s ALTER COLUMN amount TYPE NUMERIC(12,2)", "amount", new BigDecimal("2.50")),
                new Change("ALTER TABLE %s ALTER COLUMN code TYPE NUMERIC(12,0)", "code", new BigDecimal("43"))));
    }

    @Test
    void mariaDb() throws Exception {
        evolve(TestDatabase.MARIADB, "CREATE TABLE %s (id BIGINT AUTO_INCREMENT PRIMARY KEY, qty INT,"
                + " note VARCHAR(10), amount DECIMAL(10,2), code DECIMAL(9,0))",
            List.of(
                new Change("ALTER TABLE %s ADD COLUMN extra TEXT", "extra", null),
                new Change("ALTER TABLE %s ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'new'", "status", "new"),
                new Change("ALTER TABLE %s ADD COLUMN level INT NOT NULL DEFAULT -1", "level", -1),
                new Change("ALTER TABLE %s ADD COLUMN price DECIMAL(8,3) NOT NULL DEFAULT 1.5", "price",
                    new BigDecimal("1.500")),
                new Change("ALTER TABLE %s MODIFY qty BIGINT", "qty", 8L),
                new Change("ALTER TABLE %s MODIFY note VARCHAR(100)", "note", "m"),
                new Change("ALTER TABLE %s MODIFY amount DECIMAL(12,2)", "amount", new BigDecimal("2.50")),
                new Change("ALTER TABLE %s MODIFY code DECIMAL(12,0)", "code", new BigDecimal("43"))));
    }

    /**
     * One ALTER and what a reader of the new schema must see in a record written before it: the field's default
     * for an added column, the old value (widened) for a changed one.
     */
    private record Change(String sql, String field, Object expectedInOldRecord) {
    }

    private static void evolve(TestDatabase db, String create, List<Change> changes) throws Exception {
        String ns = db.createNamespace();
        String table = ns + ".evolving";
        try {
            db.execute(String.format(create, table));
            Map<String, String> props = db.taskConfig(ns, "evolving", "incrementing");
            props.put("numeric.mapping", "none");
            // Not the database horizon: other sessions' long statements (on a shared server) would hold reads back.
            props.put("horizon.mode", "delay");
            props.put("horizon.delay.ms", "100");
            try (TaskDriver driver = new TaskDriver(props)) {
                db.execute("INSERT INTO " + table + " (qty, note, amount, code) VALUES (7, 'n', 1.25, 42)");
                SourceRecord previous = driver.pollUntil(r -> r.size() >= 1, TIMEOUT).get(0);
                for (Change change : changes) {
                    db.execute(String.format(change.sql(), table),
                        "INSERT INTO " + table + " (qty, note, amount, code) VALUES (8, 'm', 2.50, 43)");
                    int seen = driver.emitted.size();
                    SourceRecord next = driver.pollRetryingUntil(r -> r.size() > seen, TIMEOUT).get(seen);
                    assertRoundTrips(next);
                    Schema writer = previous.valueSchema();
                    Schema reader = next.valueSchema();
                    // VARCHAR(10) to VARCHAR(100) changes nothing: Connect strings have no length.
                    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(avroSchema(reader),
                        avroSchema(writer)).getType()).as(change.sql())
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
                    Struct old = (Struct) readWithNewerSchema(writer, previous.value(), reader).value();
                    assertThat(old.get(change.field())).as(change.sql()).isEqualTo(change.expectedInOldRecord());
                    assertThat(old.get("id")).isEqualTo(((Struct) previous.value()).get("id"));
                    assertThat(reader.name()).isEqualTo(writer.name());
                    previous = next;
                }
            }
        } finally {
            db.dropNamespace(ns);
        }
    }
}
