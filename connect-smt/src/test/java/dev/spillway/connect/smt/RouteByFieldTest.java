package dev.spillway.connect.smt;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteByFieldTest {

    private static final Schema CUSTOMER = SchemaBuilder.struct().optional()
        .field("country", Schema.OPTIONAL_STRING_SCHEMA)
        .field("since", Date.builder().optional().build())
        .build();
    private static final Schema ORDER = SchemaBuilder.struct()
        .field("region", Schema.OPTIONAL_STRING_SCHEMA)
        .field("amount", Schema.OPTIONAL_FLOAT64_SCHEMA)
        .field("customer", CUSTOMER)
        .build();
    private static final Schema KEY = SchemaBuilder.struct().field("tenant", Schema.STRING_SCHEMA).build();

    private static RouteByField<SinkRecord> route(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        RouteByField<SinkRecord> transform = new RouteByField<>();
        transform.configure(props);
        return transform;
    }

    private static Struct order(String region, String country) {
        return new Struct(ORDER).put("region", region).put("amount", 12.50)
            .put("customer", new Struct(CUSTOMER).put("country", country)
                .put("since", java.util.Date.from(Instant.parse("2024-05-31T00:00:00Z"))));
    }

    private static SinkRecord structRecord(Struct value) {
        return new SinkRecord("orders", 3, KEY, new Struct(KEY).put("tenant", "acme"), ORDER, value, 42L);
    }

    @Test
    void routesStructRecordsByNestedFieldsOfKeyAndValue() {
        SinkRecord record = structRecord(order("eu", "FR"));

        SinkRecord out = route("topic.template", "${topic}-${key.tenant}-${value.customer.country}")
            .apply(record);

        assertThat(out.topic()).isEqualTo("orders-acme-FR");
        assertThat(out.kafkaPartition()).isEqualTo(3);
        assertThat(out.value()).isSameAs(record.value());
        assertThat(out.key()).isSameAs(record.key());
    }

    @Test
    void writesValuesInTheirCanonicalText() {
        SinkRecord out = route("topic.template", "o-${value.amount}-${value.customer.since}")
            .apply(structRecord(order("eu", "FR")));

        assertThat(out.topic()).isEqualTo("o-12.5-2024-05-31");
    }

    @Test
    void routesMapRecordsAndPrimitiveKeys() {
        Map<String, Object> value = Map.of("customer", Map.of("country", "DE"));
        SourceRecord record = new SourceRecord(Map.of(), Map.of(), "orders", null, null, 17L, null, value);
        RouteByField<SourceRecord> transform = new RouteByField<>();
        transform.configure(Map.of("topic.template", "${value.customer.country}.${key}"));

        assertThat(transform.apply(record).topic()).isEqualTo("DE.17");
    }

    @Test
    void sanitizesValuesIntoALegalTopicName() {
        assertThat(route("topic.template", "orders-${value.region}").apply(structRecord(order("São Paulo/1", "x")))
            .topic()).isEqualTo("orders-S_o_Paulo_1");
        assertThat(route("topic.template", "orders-${value.region}", "topic.replacement.char", "-")
            .apply(structRecord(order("a b😀c", "x"))).topic()).isEqualTo("orders-a-b-c");
        assertThat(route("topic.template", "${value.region}", "topic.replacement.char", "-")
            .apply(structRecord(order("..", "x"))).topic()).isEqualTo("--");
        // With the default '_', '..' becomes '__', an internal name, which is refused.
        assertThatThrownBy(() -> route("topic.template", "${value.region}").apply(structRecord(order("..", "x"))))
            .isInstanceOf(DataException.class).hasMessageContaining("'__', is refused");
    }

    @Test
    void cutsLongNamesTo249Characters() {
        String topic = route("topic.template", "t-${value.region}").apply(structRecord(order("x".repeat(300), "F")))
            .topic();

        assertThat(topic).hasSize(249).startsWith("t-xxx");
    }

    @Test
    void keepsTheTopicWhenAFieldIsMissingByDefault() {
        SinkRecord nullField = structRecord(order(null, "FR"));
        SinkRecord tombstone = new SinkRecord("orders", 3, null, null, null, null, 42L);
        RouteByField<SinkRecord> transform = route("topic.template", "orders-${value.region}");

        assertThat(transform.apply(nullField)).isSameAs(nullField);
        assertThat(transform.apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void usesTheFallbackTopicOrFails() {
        SinkRecord record = structRecord(order("eu", null));

        assertThat(route("topic.template", "c-${value.customer.country}", "on.missing", "fallback",
            "fallback.topic", "orders-unrouted").apply(record).topic()).isEqualTo("orders-unrouted");
        assertThatThrownBy(() -> route("topic.template", "c-${value.customer.country}", "on.missing", "fail")
            .apply(record))
            .isInstanceOf(DataException.class)
            .hasMessage("RouteByField could not route the record of topic 'orders' partition 3 offset 42 with"
                + " template 'c-${value.customer.country}': ${value.customer.country} has no value (the field is"
                + " absent or null, or the topic name came out empty), and on.missing=fail");
    }

    @Test
    void anEmptyNameCountsAsMissing() {
        SinkRecord record = structRecord(order("", "FR"));

        assertThat(route("topic.template", "${value.region}", "on.missing", "fallback", "fallback.topic", "f")
            .apply(record).topic()).isEqualTo("f");
    }

    @Test
    void failsOnPlaceholdersThatAddressAStruct() {
        assertThatThrownBy(() -> route("topic.template", "x-${value.customer}").apply(structRecord(order("a", "b"))))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("${value.customer} addresses a org.apache.kafka.connect.data.Struct, not a single"
                + " value");
    }

    @Test
    void rejectsBadTemplatesAtConfigureTime() {
        assertThatThrownBy(() -> route("topic.template", "orders-${value.region"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("topic.template")
            .hasMessageContaining("the placeholder at position 7 is not closed by '}'");
        assertThatThrownBy(() -> route("topic.template", "orders-${region}"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("unknown placeholder ${region} at position 7");
        assertThatThrownBy(() -> route("topic.template", "orders/${value.region}"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("the character '/' at position 6 is not allowed in topic names");
        assertThatThrownBy(() -> route("topic.template", "o-${value.items[*].sku}"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("[*] is not allowed");
        assertThatThrownBy(() -> route("topic.template", "o-${value.items[*].sku}"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("in placeholder ${value.items[*].sku} at position 2");
        // Positions count in the template, not in the path: "o-${value.a..b}" has its second '.' at 12.
        assertThatThrownBy(() -> route("topic.template", "o-${value.a..b}"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("in placeholder ${value.a..b}: invalid field path \"a..b\": empty field name")
            .hasMessageContaining("(at position 12 of the template, counting from 0)");
        assertThatThrownBy(() -> route("topic.template", "orders-${key.id[x]}"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("array index must be a non-negative integer")
            .hasMessageContaining("at position 16 of the template");
        assertThatThrownBy(() -> route("topic.template", "o-${value.}"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("the path is empty (at position 10 of the template");
        assertThatThrownBy(() -> route("topic.template", ""))
            .isInstanceOf(ConfigException.class).hasMessageContaining("the template is empty");
    }

    @Test
    void checksTheFallbackSettings() {
        assertThatThrownBy(() -> route("topic.template", "a", "on.missing", "fallback"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("fallback.topic");
        assertThatThrownBy(() -> route("topic.template", "a", "fallback.topic", "b"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("is only used with on.missing=fallback");
        assertThatThrownBy(() -> route("topic.template", "a", "on.missing", "fallback", "fallback.topic", "a b"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("not a legal topic name");
        assertThatThrownBy(() -> route("topic.template", "a", "topic.replacement.char", "/"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("topic.replacement.char");
    }

    private static SinkRecord mapRecord(Object region) {
        Map<String, Object> value = new HashMap<>();
        value.put("region", region);
        return new SinkRecord("orders", 0, null, "k", null, value, 7L);
    }

    @Test
    void refusesInternalTopicNamesChosenByData() {
        RouteByField<SinkRecord> transform = route("topic.template", "${value.region}");
        for (String hostile : new String[] {"__consumer_offsets", "_schemas", "__transaction_state", "_"}) {
            assertThatThrownBy(() -> transform.apply(mapRecord(hostile)))
                .as(hostile).isInstanceOf(DataException.class)
                .hasMessage("RouteByField could not route the record of topic 'orders' partition 0 offset 7 with"
                    + " template '${value.region}': the topic name built from ${value.region}, '" + hostile
                    + "', is refused: it is an internal topic name (starting with '_')");
        }
        // Sanitising first: a value that only becomes internal once its illegal characters are replaced.
        assertThatThrownBy(() -> transform.apply(mapRecord("\n_consumer_offsets")))
            .isInstanceOf(DataException.class).hasMessageContaining("'__consumer_offsets', is refused");
        // Other tools' internal topics, whose names are legal.
        for (String hostile : new String[] {"connect-configs", "my-connect-offsets", "connect-cluster-status",
            "mm2-offsets.src.internal", "src.checkpoints.internal"}) {
            assertThatThrownBy(() -> transform.apply(mapRecord(hostile))).as(hostile)
                .isInstanceOf(DataException.class).hasMessageContaining("internal topic of Kafka Connect");
        }
        // Business names that only look alike.
        for (String fine : new String[] {"billing.internal", "orders-changelog", "disconnect-status"}) {
            assertThat(transform.apply(mapRecord(fine)).topic()).isEqualTo(fine);
        }
        assertThat(transform.apply(mapRecord("eu")).topic()).isEqualTo("eu");
        assertThat(transform.refusedCount()).isEqualTo(10);
        transform.close();
    }

    @Test
    void hostileValuesBecomeLegalNamesAndErrorsQuoteThemShortAndClean() {
        RouteByField<SinkRecord> transform = route("topic.template", "${value.region}",
            "topic.allowed.regex", "eu|us");
        String hostile = "a\u001b[2J\r\n" + "x".repeat(10_000);
        assertThatThrownBy(() -> transform.apply(mapRecord(hostile)))
            .isInstanceOf(DataException.class)
            .hasMessageEndingWith("the topic name built from ${value.region}, 'a__2J__" + "x".repeat(53)
                + "...', is refused: it does not match topic.allowed.regex")
            .hasMessageNotContaining("\u001b").hasMessageNotContaining("\n");
        transform.close();
    }

    @Test
    void aRequiredPrefixAndAnAllowListRestrictTheNames() {
        RouteByField<SinkRecord> prefixed = route("topic.template", "${value.region}",
            "topic.required.prefix", "orders-");
        assertThatThrownBy(() -> prefixed.apply(mapRecord("payments")))
            .isInstanceOf(DataException.class)
            .hasMessageEndingWith("'payments', is refused: it does not start with topic.required.prefix"
                + " 'orders-'");
        assertThat(prefixed.apply(mapRecord("orders-eu")).topic()).isEqualTo("orders-eu");

        RouteByField<SinkRecord> allowed = route("topic.template", "orders-${value.region}",
            "topic.allowed.regex", "orders-(eu|us)");
        assertThat(allowed.apply(mapRecord("us")).topic()).isEqualTo("orders-us");
        assertThatThrownBy(() -> allowed.apply(mapRecord("apac")))
            .isInstanceOf(DataException.class).hasMessageEndingWith("it does not match topic.allowed.regex");
        prefixed.close();
        allowed.close();
    }

    @Test
    void refusedRecordsGoToTheFallbackTopicWhenThereIsOne() {
        RouteByField<SinkRecord> transform = route("topic.template", "${value.region}",
            "topic.allowed.regex", "eu|us", "on.missing", "fallback", "fallback.topic", "orders-unroutable");
        assertThat(transform.apply(mapRecord("__consumer_offsets")).topic()).isEqualTo("orders-unroutable");
        assertThat(transform.apply(mapRecord("apac")).topic()).isEqualTo("orders-unroutable");
        assertThat(transform.apply(mapRecord("eu")).topic()).isEqualTo("eu");
        assertThat(transform.refusedCount()).isEqualTo(2);
        assertThat(transform.distinctTopics()).isEqualTo(2);
        transform.close();
    }

    @Test
    void countsDistinctTopicsUpToALimit() {
        RouteByField<SinkRecord> transform = route("topic.template", "t-${value.region}");
        for (int i = 0; i < RouteByField.MAX_COUNTED_TOPICS + 50; i++) {
            transform.apply(mapRecord("r" + (i % (RouteByField.MAX_COUNTED_TOPICS + 10))));
        }
        transform.apply(mapRecord("r1"));
        assertThat(transform.distinctTopics()).isEqualTo(RouteByField.MAX_COUNTED_TOPICS);
        RouteByField<SinkRecord> few = route("topic.template", "t-${value.region}");
        few.apply(mapRecord("a"));
        few.apply(mapRecord("a"));
        few.apply(mapRecord("b"));
        few.apply(mapRecord(null));
        assertThat(few.distinctTopics()).as("a, b and the kept 'orders'").isEqualTo(3);
        transform.close();
        few.close();
    }

    @Test
    void templatesWhoseEveryNameWouldBeRefusedAreConfigurationErrors() {
        assertThatThrownBy(() -> route("topic.template", "_private-${value.region}"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("topic.template")
            .hasMessageContaining("starts with '_'");
        assertThatThrownBy(() -> route("topic.template", "orders-${value.region}", "topic.required.prefix",
            "payments-"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("topic.required.prefix");
        assertThat(route("topic.template", "orders-${value.region}", "topic.required.prefix", "orders-eu")
            .apply(mapRecord("eu-1")).topic()).isEqualTo("orders-eu-1");
        assertThat(route("topic.template", "ord${value.region}", "topic.required.prefix", "orders-")
            .apply(mapRecord("ers-x")).topic()).isEqualTo("orders-x");
    }

    @Test
    void checksTheGateSettings() {
        assertThatThrownBy(() -> route("topic.template", "${value.region}", "topic.required.prefix", "__x"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("topic.required.prefix")
            .hasMessageContaining("internal");
        assertThatThrownBy(() -> route("topic.template", "${value.region}", "topic.required.prefix", "a b"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("topic.required.prefix");
        assertThatThrownBy(() -> route("topic.template", "${value.region}", "topic.allowed.regex", "(eu"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("topic.allowed.regex")
            .hasMessageContaining("not a valid Java regular expression");
    }
}
