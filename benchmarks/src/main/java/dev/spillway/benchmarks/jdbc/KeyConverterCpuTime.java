package dev.spillway.benchmarks.jdbc;

import dev.spillway.benchmarks.cpu.CpuRounds;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What the JDBC source's default record key costs the worker's converter, apart from everything else: the CPU time
 * of JsonConverter (schemas on, as in {@code benchmarks/run-jdbc.sh}) per record for the benchmark table's
 * 10-column value, for its primary-key key Struct, and for the same key without the schema envelope, with the bytes
 * each produces (the producer's and broker's work grows with them), timed by {@link CpuRounds}.
 *
 * <p>Usage: {@code KeyConverterCpuTime [rounds] [records per round]}; prints the median CPU nanoseconds and bytes
 * per record of each case.
 */
public final class KeyConverterCpuTime {

    private static final String TOPIC = "bench_ns.bench";

    private KeyConverterCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Schema value = SchemaBuilder.struct().name("bench_ns.bench")
            .field("id", Schema.INT64_SCHEMA).field("c_int", Schema.INT32_SCHEMA)
            .field("c_bigint", Schema.OPTIONAL_INT64_SCHEMA).field("c_num", Decimal.builder(2).optional().build())
            .field("c_double", Schema.OPTIONAL_FLOAT64_SCHEMA).field("c_text", Schema.OPTIONAL_STRING_SCHEMA)
            .field("c_varchar", Schema.OPTIONAL_STRING_SCHEMA).field("c_bool", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("c_date", Date.builder().optional().build()).field("updated", Timestamp.SCHEMA).build();
        Schema key = SchemaBuilder.struct().name("bench_ns.bench.Key").field("id", Schema.INT64_SCHEMA).build();
        JsonConverter valueConverter = converter(true, false);
        JsonConverter keyConverter = converter(true, true);
        JsonConverter bareKeyConverter = converter(false, true);

        Map<String, CpuRounds.Case> cases = new LinkedHashMap<>();
        cases.put("value, 10 columns, schemas on", bytes(i -> valueConverter.fromConnectData(TOPIC, value, row(value, i))));
        cases.put("key Struct {id}, schemas on (the default key)",
            bytes(i -> keyConverter.fromConnectData(TOPIC, key, new Struct(key).put("id", (long) i))));
        cases.put("key Struct {id}, schemas off",
            bytes(i -> bareKeyConverter.fromConnectData(TOPIC, key, new Struct(key).put("id", (long) i))));
        Map<String, CpuRounds.Result> results = CpuRounds.run(rounds, records, cases);
        System.out.printf("JsonConverter CPU per record, median of %d rounds of %d records%n", rounds, records);
        results.forEach((name, result) -> System.out.printf("RESULT %-48s %8.0f ns/record  %6.1f bytes/record%n",
            name, result.nanosPerOperation(), result.valuePerOperation()));
    }

    /** Converts {@code operations} records, returning their bytes. */
    private static CpuRounds.Case bytes(IntFunction<byte[]> convert) {
        return operations -> {
            long size = 0;
            for (int i = 0; i < operations; i++) {
                size += convert.apply(1_000_000 + i).length;
            }
            return size;
        };
    }

    private static JsonConverter converter(boolean schemas, boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", Boolean.toString(schemas)), isKey);
        return converter;
    }

    /** A row shaped like the benchmark table's (see JdbcBenchmarkIT). */
    private static Struct row(Schema schema, int i) {
        return new Struct(schema).put("id", (long) i).put("c_int", i).put("c_bigint", i * 10L)
            .put("c_num", BigDecimal.valueOf(i % 100_000, 2)).put("c_double", i * 1.5)
            .put("c_text", Integer.toHexString(i * 31) + "c4ca4238a0b923820dcc509a6f75849b".substring(8))
            .put("c_varchar", "name-" + i).put("c_bool", i % 2 == 0)
            .put("c_date", new java.util.Date((i % 1000) * 86_400_000L))
            .put("updated", new java.util.Date(1_700_000_000_000L + i));
    }
}
