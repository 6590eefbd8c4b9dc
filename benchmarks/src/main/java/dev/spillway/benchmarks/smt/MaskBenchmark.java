package dev.spillway.benchmarks.smt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.spillway.connect.smt.Mask;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.MaskField;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Spillway's {@link Mask} against Kafka's own {@link MaskField} on the same records: three PII columns of a row
 * of 10 or 50 columns, with a schema (Struct) and without (Map). Kafka 3.9's MaskField only reaches top-level
 * fields, so the nested case (the row inside an {@code after} struct/map) has no anchor and is measured for
 * Spillway alone. Run with {@code -prof gc} for bytes allocated per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MaskBenchmark {

    /** map: a LinkedHashMap, whose order both keep or lose; hashmap: what JsonConverter builds. */
    @Param({"struct", "map", "hashmap"})
    public String format;

    @Param({"10", "50"})
    public int width;

    private SourceRecord flat;
    private SourceRecord nested;
    private Mask<SourceRecord> spillwayFlat;
    private Mask<SourceRecord> spillwayNested;
    private Mask<SourceRecord> spillwayHash;
    private MaskField<SourceRecord> kafkaMaskField;

    @Setup
    public void setUp() {
        boolean struct = "struct".equals(format);
        Schema rowSchema = RowFixtures.rowSchema("bench.customers.Value", width);
        if (struct) {
            Struct row = RowFixtures.row(rowSchema, 42);
            flat = record(rowSchema, row);
            Schema wrapper = SchemaBuilder.struct().name("bench.Wrapper").field("after", rowSchema).build();
            nested = record(wrapper, new Struct(wrapper).put("after", row));
        } else {
            Map<String, Object> row = "hashmap".equals(format) ? new java.util.HashMap<>(RowFixtures.rowMap(width, 42))
                : RowFixtures.rowMap(width, 42);
            flat = record(null, row);
            Map<String, Object> wrapper = new LinkedHashMap<>();
            wrapper.put("after", row);
            nested = record(null, wrapper);
        }
        spillwayFlat = mask("email,phone,name", Map.of("mode", "replace", "replacement", "****"));
        spillwayNested = mask("after.email,after.phone,after.name", Map.of("mode", "replace", "replacement", "****"));
        spillwayHash = mask("email,phone,name",
                Map.of("mode", "hash", "hash.algorithm", "HMAC-SHA-256", "hash.key", "benchmark-secret"));
        kafkaMaskField = new MaskField.Value<>();
        kafkaMaskField.configure(Map.of("fields", "email,phone,name", "replacement", "****"));
    }

    @TearDown
    public void tearDown() {
        spillwayFlat.close();
        spillwayNested.close();
        spillwayHash.close();
        kafkaMaskField.close();
    }

    private static SourceRecord record(Schema schema, Object value) {
        return new SourceRecord(Map.of("table", "customers"), Map.of("id", 42L), "customers", 0,
                null, null, schema, value, 1_700_000_000_000L);
    }

    private static Mask<SourceRecord> mask(String fields, Map<String, String> settings) {
        Mask<SourceRecord> mask = new Mask.Value<>();
        Map<String, String> config = new LinkedHashMap<>(settings);
        config.put("fields", fields);
        mask.configure(config);
        return mask;
    }

    @Benchmark
    public SourceRecord spillwayMaskReplaceFlat() {
        return spillwayFlat.apply(flat);
    }

    @Benchmark
    public SourceRecord kafkaMaskFieldReplaceFlat() {
        return kafkaMaskField.apply(flat);
    }

    /** Also reads every field of the output, as a converter does: a lazy result cannot win by deferring work. */
    @Benchmark
    public void spillwayMaskReplaceFlatAndRead(Blackhole blackhole) {
        readAll(spillwayFlat.apply(flat).value(), blackhole);
    }

    @Benchmark
    public void kafkaMaskFieldReplaceFlatAndRead(Blackhole blackhole) {
        readAll(kafkaMaskField.apply(flat).value(), blackhole);
    }

    private static void readAll(Object value, Blackhole blackhole) {
        if (value instanceof Struct struct) {
            for (Field field : struct.schema().fields()) {
                blackhole.consume(struct.get(field));
            }
        } else {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                blackhole.consume(entry.getKey());
                blackhole.consume(entry.getValue());
            }
        }
    }

    @Benchmark
    public SourceRecord spillwayMaskReplaceNested() {
        return spillwayNested.apply(nested);
    }

    @Benchmark
    public SourceRecord spillwayMaskHmacFlat() {
        return spillwayHash.apply(flat);
    }
}
