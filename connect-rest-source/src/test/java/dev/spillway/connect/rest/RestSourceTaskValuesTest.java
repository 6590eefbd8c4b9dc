package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A whole task with value.format=struct and records.page.headers, against the sample API. */
class RestSourceTaskValuesTest {

    @AutoClose
    private final SampleApi api = SampleApi.start(25);

    private Map<String, String> config() {
        Map<String, String> config = TaskHarness.config(api.baseUrl().toString(), "items=/next/items");
        config.put("records.pointer", "/data/results");
        config.put("pagination.type", "next-url");
        config.put("pagination.next.url.pointer", "/links/next");
        config.put("pagination.limit", "10");
        config.put("value.format", "struct");
        config.put("records.page.headers", "total:/data/total,type:header:Content-Type,absent:/data/nothing");
        return config;
    }

    @Test
    void structValuesCarryTheirPagesHeaders() throws Exception {
        List<SourceRecord> records;
        try (TaskHarness harness = new TaskHarness(config())) {
            records = harness.pollRecords(25, Duration.ofSeconds(30));
        }
        assertThat(records).hasSize(25);
        Schema schema = records.get(0).valueSchema();
        for (int i = 0; i < records.size(); i++) {
            SourceRecord record = records.get(i);
            Struct value = (Struct) record.value();
            assertThat(value.getInt64("id")).isEqualTo(i + 1L);
            assertThat(value.getString("name")).isEqualTo("item-" + (i + 1));
            // One shape, one schema instance.
            assertThat(record.valueSchema()).isSameAs(schema);
            assertThat(record.headers().lastWithName("total").value()).isEqualTo("25");
            assertThat(record.headers().lastWithName("type").value()).isEqualTo("application/json");
            assertThat(record.headers().lastWithName("absent")).isNull();
            assertThat(record.headers().lastWithName(RecordFactory.ENDPOINT_HEADER).value()).isEqualTo("items");
        }
    }

    @Test
    void aBadPageHeaderStopsTheTaskAtStart() {
        Map<String, String> config = config();
        config.put("records.page.headers", "cookie:header:Set-Cookie");
        assertThatThrownBy(() -> new RestSourceConfig(config).requireValid())
            .hasMessageContaining("records.page.headers").hasMessageContaining("may carry credentials");
    }
}
