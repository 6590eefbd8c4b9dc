package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * table.naming=table with key.mode=none gives what Confluent's JDBC source gives for the same table: topic = prefix
 * + table name, no key, the value schema named after the table, while the source partition keeps schema.table.
 */
class ConfluentOutputIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tableNamingAndNoKeyGiveConfluentsTopicKeyAndSchemaName(TestDatabase db) throws Exception {
        String ns = db.createNamespace();
        try {
            String table = db.createEventsTable(ns, "events");
            db.execute("INSERT INTO " + table + " (name) VALUES ('a'), ('b')");
            Map<String, String> props = db.taskConfig(ns, "events", "incrementing");
            props.put("topic.prefix", "legacy-");
            props.put("table.naming", "table");
            props.put("key.mode", "none");
            try (TaskDriver driver = new TaskDriver(props)) {
                List<SourceRecord> records = driver.pollUntil(r -> r.size() >= 2, TIMEOUT);
                SourceRecord first = records.get(0);
                assertThat(first.topic()).isEqualTo("legacy-events");
                assertThat(first.key()).isNull();
                assertThat(first.keySchema()).isNull();
                assertThat(first.valueSchema().name()).isEqualTo("events");
                assertThat(((Struct) first.value()).getString("name")).isEqualTo("a");
                assertThat(first.sourcePartition()).isEqualTo(Map.of("table", ns + ".events"));
            }
        } finally {
            db.dropNamespace(ns);
        }
    }
}
