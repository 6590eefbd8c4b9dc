package dev.spillway.connect.smt;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardTest {

    private static final Schema ROW = SchemaBuilder.struct().field("doc", Schema.OPTIONAL_STRING_SCHEMA).build();

    private final List<Guard<?>> guards = new ArrayList<>();

    @AfterEach
    void close() {
        guards.forEach(Guard::close);
    }

    /** A test transform that records its configuration, fails on demand and remembers being closed. */
    public static class Recording<R extends ConnectRecord<R>> implements Transformation<R> {
        Map<String, ?> config;
        boolean closed;

        @Override
        public void configure(Map<String, ?> configs) {
            this.config = configs;
            if ("yes".equals(configs.get("fail.configure"))) {
                throw new ConfigException("suffix", "x", "bad suffix");
            }
        }

        @Override
        public R apply(R record) {
            Object value = record.value();
            if ("boom".equals(value)) {
                throw new DataException("cannot handle boom");
            }
            if (value instanceof String text && text.startsWith("forge")) {
                throw new DataException("cannot handle " + text);
            }
            if ("retry".equals(value)) {
                throw new RetriableException("try again");
            }
            if ("drop".equals(value)) {
                return null;
            }
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), value + String.valueOf(config.get("suffix")), record.timestamp());
        }

        @Override
        public ConfigDef config() {
            return new ConfigDef();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Static initialisers of the classes below that ran: each is code a configuration could make the worker run. */
    static final AtomicInteger STATIC_INITIALISERS_RUN = new AtomicInteger();

    /** Named in a configuration, but not a transform: its initialiser must never run. */
    public static class NotATransform {
        static {
            STATIC_INITIALISERS_RUN.incrementAndGet();
        }
    }

    /** A transform Guard cannot instantiate (abstract): its initialiser must never run either. */
    public abstract static class AbstractTransform<R extends ConnectRecord<R>> extends Recording<R> {
        static {
            STATIC_INITIALISERS_RUN.incrementAndGet();
        }
    }

    /** A transform whose initialiser fails. */
    public static class FailingInitialiser<R extends ConnectRecord<R>> extends Recording<R> {
        static {
            if (STATIC_INITIALISERS_RUN.get() >= 0) {
                throw new IllegalStateException("static initialiser failed");
            }
        }
    }

    /** A transform whose constructor fails. */
    public static class FailingConstructor<R extends ConnectRecord<R>> extends Recording<R> {
        public FailingConstructor() {
            throw new IllegalStateException("constructor failed");
        }
    }

    @SuppressWarnings("unchecked")
    private <R extends ConnectRecord<R>> Guard<R> guard(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        Guard<R> guard = new Guard<>();
        guard.configure(props);
        guards.add(guard);
        return guard;
    }

    private <R extends ConnectRecord<R>> Guard<R> recordingChain(String... extra) {
        List<String> props = new ArrayList<>(List.of(
            "transforms", "first,second",
            "transforms.first.type", Recording.class.getName(),
            "transforms.first.suffix", "-1",
            "transforms.second.type", Recording.class.getName(),
            "transforms.second.suffix", "-2",
            "error.topic", "orders-errors"));
        props.addAll(List.of(extra));
        return guard(props.toArray(String[]::new));
    }

    private static SinkRecord sinkRecord(Object value) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("trace", "abc");
        return new SinkRecord("orders", 3, Schema.STRING_SCHEMA, "k", Schema.OPTIONAL_STRING_SCHEMA, value, 42L,
            1000L, org.apache.kafka.common.record.TimestampType.CREATE_TIME, headers);
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastWithName(name);
        return header == null ? null : (String) header.value();
    }

    @Test
    void runsTheInnerChainInOrderWithTheirOwnSettings() {
        Guard<SinkRecord> guard = recordingChain();

        SinkRecord out = guard.apply(sinkRecord("v"));

        assertThat(out.value()).isEqualTo("v-1-2");
        assertThat(out.topic()).isEqualTo("orders");
        Recording<?> first = (Recording<?>) guard.innerTransforms().get(0);
        assertThat(first.config).isEqualTo(Map.of("type", Recording.class.getName(), "suffix", "-1"));
        assertThat(guard.routedCount()).isZero();
    }

    @Test
    void sendsTheOriginalRecordToTheErrorTopicWithDeadLetterQueueHeaders() {
        Guard<SinkRecord> guard = recordingChain("connector.name", "jdbc-orders");
        SinkRecord record = sinkRecord("boom");

        SinkRecord out = guard.apply(record);

        assertThat(out.topic()).isEqualTo("orders-errors");
        assertThat(out.kafkaPartition()).as("sink records must keep a partition").isEqualTo(3);
        assertThat(out.value()).isEqualTo("boom");
        assertThat(out.key()).isEqualTo("k");
        assertThat(out.valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(out.timestamp()).isEqualTo(1000L);
        Headers headers = out.headers();
        assertThat(header(headers, "trace")).isEqualTo("abc");
        assertThat(header(headers, "__connect.errors.topic")).isEqualTo("orders");
        assertThat(header(headers, "__connect.errors.partition")).isEqualTo("3");
        assertThat(header(headers, "__connect.errors.offset")).isEqualTo("42");
        assertThat(header(headers, "__connect.errors.connector.name")).isEqualTo("jdbc-orders");
        assertThat(headers.lastWithName("__connect.errors.task.id")).isNull();
        assertThat(header(headers, "__connect.errors.stage")).isEqualTo("TRANSFORMATION");
        assertThat(header(headers, "__connect.errors.class.name")).isEqualTo(Recording.class.getName());
        assertThat(header(headers, "__connect.errors.exception.class.name"))
            .isEqualTo(DataException.class.getName());
        assertThat(header(headers, "__connect.errors.exception.message")).isEqualTo("cannot handle boom");
        assertThat(header(headers, "__connect.errors.exception.stacktrace"))
            .startsWith("org.apache.kafka.connect.errors.DataException: cannot handle boom")
            .contains("at " + Recording.class.getName() + ".apply");
        assertThat(header(headers, "__spillway.errors.transform.alias")).isEqualTo("first");
        assertThat(headers.lastWithName("__connect.errors.topic").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(record.headers()).as("input headers untouched").hasSize(1);
        assertThat(guard.routedCount()).isEqualTo(1);
    }

    @Test
    void sourceRecordsKeepTheirOffsetsAndHaveNoPartitionOrOffsetHeaders() {
        Guard<SourceRecord> guard = recordingChain("errors.include.stacktrace", "false");
        SourceRecord record = new SourceRecord(Map.of("table", "t"), Map.of("id", 9), "orders", null,
            Schema.OPTIONAL_STRING_SCHEMA, "boom");

        SourceRecord out = guard.apply(record);

        assertThat(out.topic()).isEqualTo("orders-errors");
        assertThat(out.kafkaPartition()).isNull();
        assertThat(out.sourcePartition()).isEqualTo(Map.of("table", "t"));
        assertThat(out.sourceOffset()).isEqualTo(Map.of("id", 9));
        assertThat(out.headers().lastWithName("__connect.errors.partition")).isNull();
        assertThat(out.headers().lastWithName("__connect.errors.offset")).isNull();
        assertThat(out.headers().lastWithName("__connect.errors.connector.name")).isNull();
        assertThat(out.headers().lastWithName("__connect.errors.exception.stacktrace")).isNull();
    }

    @Test
    void replacesStaleContextHeaders() {
        SinkRecord record = sinkRecord("boom");
        record.headers().addString("__connect.errors.topic", "older").addString("__spillway.errors.transform.alias", "x");

        SinkRecord out = this.<SinkRecord>recordingChain().apply(record);

        assertThat(out.headers().allWithName("__connect.errors.topic")).toIterable().hasSize(1);
        assertThat(header(out.headers(), "__connect.errors.topic")).isEqualTo("orders");
        assertThat(header(out.headers(), "__spillway.errors.transform.alias")).isEqualTo("first");
    }

    @Test
    void passesFilteredRecordsAndRetriableErrorsOn() {
        Guard<SinkRecord> guard = recordingChain();

        assertThat(guard.apply(sinkRecord("drop"))).isNull();
        assertThatThrownBy(() -> guard.apply(sinkRecord("retry"))).isInstanceOf(RetriableException.class);
        assertThat(guard.routedCount()).isZero();
    }

    @Test
    void wrapsRealSpillwayTransforms() {
        Guard<SinkRecord> guard = guard(
            "transforms", "parse,route",
            "transforms.parse.type", ParseJson.Value.class.getName(),
            "transforms.parse.field", "doc",
            "transforms.route.type", RouteByField.class.getName(),
            "transforms.route.topic.template", "orders-${value.doc.region}",
            "error.topic", "orders-errors");

        SinkRecord good = guard.apply(new SinkRecord("orders", 0, null, null, ROW,
            new Struct(ROW).put("doc", "{\"region\":\"eu\"}"), 5L));
        SinkRecord bad = guard.apply(new SinkRecord("orders", 0, null, null, ROW,
            new Struct(ROW).put("doc", "{oops"), 6L));

        assertThat(good.topic()).isEqualTo("orders-eu");
        assertThat(bad.topic()).isEqualTo("orders-errors");
        assertThat(((Struct) bad.value()).getString("doc")).isEqualTo("{oops");
        assertThat(header(bad.headers(), "__connect.errors.class.name")).isEqualTo(ParseJson.Value.class.getName());
        assertThat(header(bad.headers(), "__connect.errors.exception.message"))
            .startsWith("ParseJson could not parse field 'doc' of the record value of topic 'orders' partition 0"
                + " offset 6: not valid JSON");
        assertThat(header(bad.headers(), "__spillway.errors.transform.alias")).isEqualTo("parse");
    }

    @Test
    void closesInnerTransforms() {
        Guard<SinkRecord> guard = recordingChain();
        List<Transformation<SinkRecord>> inner = guard.innerTransforms();

        guard.close();

        assertThat(inner).allSatisfy(t -> assertThat(((Recording<?>) t).closed).isTrue());
    }

    @Test
    void configurationErrorsNameTheKey() {
        assertThatThrownBy(() -> guard("transforms", "a", "error.topic", "e"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("transforms.a.type");
        assertThatThrownBy(() -> guard("transforms", "a", "transforms.a.type", "com.example.Nope", "error.topic", "e"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("transforms.a.type").hasMessageContaining("class not found");
        assertThatThrownBy(() -> guard("transforms", "a", "transforms.a.type", String.class.getName(),
            "error.topic", "e"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("does not implement");
        assertThatThrownBy(() -> guard("transforms", "a", "transforms.a.type", Mask.class.getName(),
            "error.topic", "e"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("public and concrete");
        assertThatThrownBy(() -> guard("transforms", "a", "transforms.a.type", Recording.class.getName(),
            "transforms.a.predicate", "p", "error.topic", "e"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("transforms.a.predicate");
        assertThatThrownBy(() -> guard("transforms", "a,a", "transforms.a.type", Recording.class.getName(),
            "error.topic", "e"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> guard("transforms", "a", "transforms.a.type", Recording.class.getName(),
            "error.topic", "bad topic"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("error.topic");
        assertThatThrownBy(() -> guard("transforms", "a", "transforms.a.type", Recording.class.getName()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("error.topic");
        assertThatThrownBy(() -> guard("transforms", "a", "transforms.a.type", ParseJson.Value.class.getName(),
            "transforms.a.output", "xml", "error.topic", "e"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("Inner transform 'a' (transforms.a.*) rejected its configuration")
            .hasMessageContaining("output");
    }

    @Test
    void checksTheClassBeforeRunningAnyOfItsCode() {
        int before = STATIC_INITIALISERS_RUN.get();
        assertThatThrownBy(() -> guard("transforms", "a", "transforms.a.type",
            GuardTest.class.getName() + "$NotATransform", "error.topic", "e"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("transforms.a.type").hasMessageContaining("does not implement");
        assertThatThrownBy(() -> guard("transforms", "a", "transforms.a.type",
            GuardTest.class.getName() + "$AbstractTransform", "error.topic", "e"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("transforms.a.type").hasMessageContaining("public and concrete");
        assertThat(STATIC_INITIALISERS_RUN.get()).as("static initialisers run").isEqualTo(before);
    }

    @Test
    void aFailingStaticInitialiserIsAConfigurationError() {
        assertThatThrownBy(() -> guard("transforms", "a", "transforms.a.type",
            GuardTest.class.getName() + "$FailingInitialiser", "error.topic", "e"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("transforms.a.type").hasMessageContaining("could not instantiate the class")
            .hasMessageContaining("ExceptionInInitializerError");
        assertThatThrownBy(() -> guard("transforms", "a", "transforms.a.type",
            GuardTest.class.getName() + "$FailingConstructor", "error.topic", "e"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("transforms.a.type").hasMessageContaining("the constructor failed")
            .hasMessageContaining("constructor failed");
    }

    /** An exception message quoting record data must not forge log lines (slf4j-simple writes to System.err). */
    @Test
    void theWarningIsOneCleanLine() {
        Guard<SinkRecord> guard = recordingChain();
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        SinkRecord routed;
        try {
            routed = guard.apply(sinkRecord("forge\n[main] INFO fake line\u001b[2J" + "z".repeat(2000)));
        } finally {
            System.setErr(original);
        }
        assertThat(routed.topic()).isEqualTo("orders-errors");
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).contains("sending it to 'orders-errors'")
            .contains("cannot handle forge\\n[main] INFO fake line\\u001b[2J")
            .doesNotContain("\u001b").doesNotContain("z".repeat(600));
        assertThat(log.strip().lines()).hasSize(1);
        assertThat(header(routed.headers(), "__connect.errors.exception.message"))
            .as("the header keeps the message whole").endsWith("z".repeat(2000));
    }
}
