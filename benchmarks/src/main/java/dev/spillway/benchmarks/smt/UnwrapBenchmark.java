package dev.spillway.benchmarks.smt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.spillway.connect.smt.CdcUnwrap;

import io.debezium.transforms.ExtractNewRecordState;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Spillway's {@link CdcUnwrap} against Debezium's {@link ExtractNewRecordState} on the same change events (an
 * update and a delete, rewrite mode, {@code add.fields=op,source.ts_ms}), rows of 10 or 50 columns, with a schema
 * (Struct) and without (Map). Debezium passes schemaless events through untouched, so its Map figures measure a
 * pass-through, not an unwrap. Run with {@code -prof gc} for bytes allocated per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UnwrapBenchmark {

    @Param({"struct", "map"})
    public String format;

    @Param({"10", "50"})
    public int width;

    private SourceRecord update;
    private SourceRecord delete;
    private Transformation<SourceRecord> spillway;
    private Transformation<SourceRecord> debezium;

    @Setup
    public void setUp() {
        if ("struct".equals(format)) {
            Schema row = RowFixtures.rowSchema("bench.inventory.customers.Value", width);
            Schema source = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
                    .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA)
                    .field("name", Schema.STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA)
                    .field("db", Schema.STRING_SCHEMA).field("schema", Schema.STRING_SCHEMA)
                    .field("table", Schema.STRING_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA).build();
            Schema envelope = SchemaBuilder.struct().name("bench.inventory.customers.Envelope")
                    .field("before", row).field("after", row).field("source", source)
                    .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();
            Struct sourceInfo = new Struct(source).put("version", "3.4.0.Final").put("connector", "postgresql")
                    .put("name", "bench").put("ts_ms", 1_700_000_000_000L).put("db", "inventory")
                    .put("schema", "public").put("table", "customers").put("lsn", 123_456L);
            update = record(envelope, new Struct(envelope).put("before", RowFixtures.row(row, 41))
                    .put("after", RowFixtures.row(row, 42)).put("source", sourceInfo).put("op", "u")
                    .put("ts_ms", 1_700_000_000_100L));
            delete = record(envelope, new Struct(envelope).put("before", RowFixtures.row(row, 42))
                    .put("source", sourceInfo).put("op", "d").put("ts_ms", 1_700_000_000_200L));
        } else {
            Map<String, Object> sourceInfo = new LinkedHashMap<>();
            sourceInfo.put("version", "3.4.0.Final");
            sourceInfo.put("connector", "postgresql");
            sourceInfo.put("ts_ms", 1_700_000_000_000L);
            sourceInfo.put("table", "customers");
            update = record(null, envelopeMap(RowFixtures.rowMap(width, 41), RowFixtures.rowMap(width, 42),
                    sourceInfo, "u"));
            delete = record(null, envelopeMap(RowFixtures.rowMap(width, 42), null, sourceInfo, "d"));
        }
        Map<String, String> config = Map.of("delete.tombstone.handling.mode", "rewrite",
                "add.fields", "op,source.ts_ms");
        spillway = new CdcUnwrap.Value<>();
        spillway.configure(config);
        debezium = new ExtractNewRecordState<>();
        debezium.configure(config);
    }

    private static Map<String, Object> envelopeMap(Map<String, Object> before, Map<String, Object> after,
                                                   Map<String, Object> source, String op) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("before", before);
        envelope.put("after", after);
        envelope.put("source", source);
        envelope.put("op", op);
        envelope.put("ts_ms", 1_700_000_000_100L);
        return envelope;
    }

    private static SourceRecord record(Schema schema, Object value) {
        return new SourceRecord(Map.of("server", "bench"), Map.of("lsn", 123_456L), "bench.inventory.customers", 0,
                null, null, schema, value, 1_700_000_000_000L);
    }

    @TearDown
    public void tearDown() {
        spillway.close();
        debezium.close();
    }

    @Benchmark
    public SourceRecord spillwayUpdate() {
        return spillway.apply(update);
    }

    @Benchmark
    public SourceRecord debeziumUpdate() {
        return debezium.apply(update);
    }

    @Benchmark
    public SourceRecord spillwayDeleteRewrite() {
        return spillway.apply(delete);
    }

    @Benchmark
    public SourceRecord debeziumDeleteRewrite() {
        return debezium.apply(delete);
    }
}
