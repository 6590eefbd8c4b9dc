package dev.spillway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

class ConfluentConfigTest {

    private static Map<String, String> confluent() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", ConfluentConfig.CONFLUENT_CLASS);
        c.put("name", "old");
        c.put("connection.url", "jdbc:postgresql://db:5432/shop");
        c.put("connection.user", "u");
        c.put("connection.password", "secret");
        c.put("mode", "timestamp+incrementing");
        c.put("incrementing.column.name", "id");
        c.put("timestamp.column.name", "updated");
        c.put("table.whitelist", "orders,sales.items");
        c.put("topic.prefix", "shop-");
        c.put("tasks.max", "2");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("transforms.x.type", "Foo");
        c.put("validate.non.null", "false");
        c.put("timestamp.delay.interval.ms", "5000");
        c.put("some.unknown", "1");
        return c;
    }

    @Test
    void sameKeysCarryTablesBecomeQualifiedRegexesAndEveryOtherKeyIsListedWithWhy() {
        ConfluentConfig.Result r = ConfluentConfig.map(confluent(), "new", "public");
        assertThat(r.config()).containsEntry("connector.class", ConfluentConfig.SPILLWAY_CLASS)
            .containsEntry("name", "new").containsEntry("connection.password", "secret")
            .containsEntry("table.naming", "table").containsEntry("key.mode", "none")
            .containsEntry("mode", "timestamp+incrementing").containsEntry("table.include.list",
                "public\\.orders,sales\\.items")
            .containsEntry("topic.prefix", "shop-").containsEntry("tasks.max", "2")
            .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
            .containsEntry("transforms.x.type", "Foo");
        assertThat(r.unmapped()).containsOnlyKeys("validate.non.null", "timestamp.delay.interval.ms",
            "some.unknown");
        assertThat(r.unmapped().get("some.unknown")).contains("not a key");
    }

    @Test
    void aQueryGetsItsTopicFromThePrefix() {
        Map<String, String> c = confluent();
        c.remove("table.whitelist");
        c.put("query", "SELECT * FROM orders");
        ConfluentConfig.Result r = ConfluentConfig.map(c, "new", null);
        assertThat(r.config()).containsEntry("query.topic", "shop-").doesNotContainKey("topic.prefix")
            .doesNotContainKey("table.include.list");
    }

    @Test
    void refusesAnotherConnectorClassAllTablesAndAnUnqualifiedNameWithoutSchema() {
        Map<String, String> other = confluent();
        other.put("connector.class", "io.aiven.Whatever");
        assertThatThrownBy(() -> ConfluentConfig.map(other, "n", "public")).isInstanceOf(MigrationRefused.class)
            .hasMessageContaining("io.aiven.Whatever").hasMessageContaining(ConfluentConfig.AIVEN_CLASS);
        Map<String, String> all = confluent();
        all.remove("table.whitelist");
        assertThatThrownBy(() -> ConfluentConfig.map(all, "n", "public")).isInstanceOf(MigrationRefused.class)
            .hasMessageContaining("every table");
        assertThatThrownBy(() -> ConfluentConfig.map(confluent(), "n", null)).isInstanceOf(MigrationRefused.class)
            .hasMessageContaining("'orders'");
    }

    @Test
    void aivensConfigMapsTheSameWayWithItsOwnKeysListed() {
        Map<String, String> c = confluent();
        c.put("connector.class", ConfluentConfig.AIVEN_CLASS);
        c.put("sql.quote.identifiers", "true");
        c.put("table.names.qualify", "false");
        c.put("incrementing.initial", "-1");
        c.put("timestamp.initial.ms", "0");
        ConfluentConfig.Result r = ConfluentConfig.map(c, "new", "public");
        assertThat(r.config()).containsEntry("connector.class", ConfluentConfig.SPILLWAY_CLASS)
            .containsEntry("table.include.list", "public\\.orders,sales\\.items")
            .containsEntry("table.naming", "table").containsEntry("key.mode", "none");
        assertThat(r.unmapped()).containsKeys("sql.quote.identifiers", "table.names.qualify", "incrementing.initial",
            "timestamp.initial.ms");
        assertThat(r.unmapped().get("incrementing.initial")).contains("first row");
    }

    @Test
    void regexCharactersInTableNamesAreEscapedAndTimestampInitialNowIsKept() {
        Map<String, String> c = confluent();
        c.put("table.whitelist", "public.a$b");
        c.put("timestamp.initial", "-1");
        ConfluentConfig.Result r = ConfluentConfig.map(c, "n", null);
        assertThat(r.config()).containsEntry("table.include.list", "public\\.a\\$b")
            .containsEntry("timestamp.initial", "now");
    }

    @Test
    void connectionBackoffKeepsItsFirstWaitAndAttemptsAreListed() {
        Map<String, String> c = confluent();
        c.put("connection.attempts", "5");
        c.put("connection.backoff.ms", " 2000 ");
        ConfluentConfig.Result r = ConfluentConfig.map(c, "n", "public");
        assertThat(r.config()).containsEntry("connection.backoff.ms", "2000")
            .doesNotContainKey("connection.backoff.max.ms");
        assertThat(r.unmapped()).containsKey("connection.attempts").doesNotContainKey("connection.backoff.ms");
    }

    @Test
    void aConnectionBackoffAboveSpillwaysCeilingRaisesTheCeilingSoTheWaitStaysFixed() {
        Map<String, String> c = confluent();
        c.put("connection.backoff.ms", "60000");
        ConfluentConfig.Result r = ConfluentConfig.map(c, "n", "public");
        assertThat(r.config()).containsEntry("connection.backoff.ms", "60000")
            .containsEntry("connection.backoff.max.ms", "60000");
        // At the ceiling itself nothing needs raising.
        c.put("connection.backoff.ms", "30000");
        assertThat(ConfluentConfig.map(c, "n", "public").config()).containsEntry("connection.backoff.ms", "30000")
            .doesNotContainKey("connection.backoff.max.ms");
    }

    @Test
    void aConnectionBackoffThatIsNoWaitIsListedNotCarried() {
        Map<String, String> c = confluent();
        c.put("connection.backoff.ms", "-1");
        ConfluentConfig.Result r = ConfluentConfig.map(c, "n", "public");
        assertThat(r.config()).doesNotContainKey("connection.backoff.ms");
        assertThat(r.unmapped().get("connection.backoff.ms")).contains("'-1'");
        c.put("connection.backoff.ms", "soon");
        assertThat(ConfluentConfig.map(c, "n", "public").unmapped().get("connection.backoff.ms"))
            .contains("'soon'");
    }

    @Test
    void aTimestampDelayLongerThanSpillwaysFallbackBecomesTheFallbackAndTheHorizonStaysAuto() {
        Map<String, String> c = confluent();
        c.put("timestamp.delay.interval.ms", "60000");
        ConfluentConfig.Result r = ConfluentConfig.map(c, "n", "public");
        assertThat(r.config()).containsEntry("horizon.delay.ms", "60000").doesNotContainKey("horizon.mode");
        assertThat(r.unmapped()).doesNotContainKey("timestamp.delay.interval.ms");
    }

    @Test
    void aTimestampDelayNoLongerThanSpillwaysFallbackIsListedAndTheDefaultsStay() {
        Map<String, String> c = confluent();
        for (String delay : new String[] {"0", "5000", "10000"}) {
            c.put("timestamp.delay.interval.ms", delay);
            ConfluentConfig.Result r = ConfluentConfig.map(c, "n", "public");
            assertThat(r.config()).doesNotContainKeys("horizon.delay.ms", "horizon.mode");
            assertThat(r.unmapped().get("timestamp.delay.interval.ms")).contains("horizon.mode=auto")
                .contains("10000 is already at least " + delay);
        }
    }

    @Test
    void aTimestampDelayOutsideTheTimestampModesIsListedNotCarried() {
        Map<String, String> c = confluent();
        c.put("mode", "incrementing");
        c.put("timestamp.delay.interval.ms", "60000");
        ConfluentConfig.Result r = ConfluentConfig.map(c, "n", "public");
        assertThat(r.config()).doesNotContainKey("horizon.delay.ms");
        assertThat(r.unmapped().get("timestamp.delay.interval.ms")).contains("only in the timestamp modes");
        c.put("mode", "timestamp");
        assertThat(ConfluentConfig.map(c, "n", "public").config()).containsEntry("horizon.delay.ms", "60000");
    }

    @Test
    void timestampGranularityConnectLogicalIsSpillwaysConnectAndTheOthersAreListed() {
        Map<String, String> c = confluent();
        c.put("timestamp.granularity", "CONNECT_LOGICAL");
        ConfluentConfig.Result r = ConfluentConfig.map(c, "n", "public");
        assertThat(r.config()).containsEntry("time.precision.mode", "connect");
        assertThat(r.unmapped()).doesNotContainKey("timestamp.granularity");
        for (String other : new String[] {"nanos_long", "nanos_string", "nanos_iso_datetime_string", "micros_long"}) {
            c.put("timestamp.granularity", other);
            ConfluentConfig.Result listed = ConfluentConfig.map(c, "n", "public");
            assertThat(listed.config()).doesNotContainKey("time.precision.mode");
            assertThat(listed.unmapped().get("timestamp.granularity")).contains("'" + other + "'")
                .contains("no exact counterpart");
        }
    }

    @Test
    void databaseComesFromAMariaDbOrMysqlUrlPath() {
        assertThat(SourceDatabase.databaseOf("jdbc:mysql://h:3306/shop?useSSL=false")).isEqualTo("shop");
        assertThat(SourceDatabase.databaseOf("jdbc:mariadb://h/")).isNull();
        assertThat(SourceDatabase.of("jdbc:mysql://h/x")).isEqualTo(SourceDatabase.MARIADB);
        assertThatThrownBy(() -> SourceDatabase.of("jdbc:sqlserver://h")).isInstanceOf(MigrationRefused.class)
            .hasMessageContaining("jdbc:sqlserver:");
    }
}
