package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The values that used to stop the task or arrive silently wrong (issue 14), read through the task from the real
 * databases: each is now sent exactly, or, where the chosen Connect type cannot hold it, fails with one line
 * naming table, column, key and value, or arrives as null with a header under value.unrepresentable.action=null.
 */
class SpecialValuesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void postgresMoneyIsItsText() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".m (id INT PRIMARY KEY, price MONEY)",
                "INSERT INTO " + ns + ".m VALUES (1, 1234.56), (2, -92233720368547758.08)");
            List<SourceRecord> records = TypesIT.readAll(db.taskConfig(ns, "m", "bulk"), 2);
            assertThat(((Struct) records.get(0).value()).getString("price")).isEqualTo("$1,234.56");
            assertThat(((Struct) records.get(1).value()).getString("price")).isEqualTo("-$92,233,720,368,547,758.08");
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void postgresNumericNaNFailsWithOneLineOrIsNulledWithAHeaderOrSentAsText() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".n (id INT PRIMARY KEY, amount NUMERIC(10,2) NOT NULL)",
                "INSERT INTO " + ns + ".n VALUES (1, 1.5), (2, 'NaN')");
            Map<String, String> props = db.taskConfig(ns, "n", "bulk");
            assertFailsNaming(props, "'amount'", ns + ".n", "key id=2", "'NaN'");

            props.put("value.unrepresentable.action", "null");
            List<SourceRecord> records = TypesIT.readAll(props, 2);
            Struct nan = (Struct) records.get(1).value();
            assertThat(nan.schema().field("amount").schema().isOptional()).isTrue();
            assertThat(nan.get("amount")).isNull();
            assertThat(header(records.get(1), "spillway.unrepresentable.amount")).isEqualTo("NaN");
            assertThat(((Struct) records.get(0).value()).get("amount")).isEqualTo(new BigDecimal("1.50"));
            assertThat(records.get(0).headers().isEmpty()).isTrue();

            props.put("numeric.mapping", "string");
            records = TypesIT.readAll(props, 2);
            assertThat(((Struct) records.get(1).value()).getString("amount")).isEqualTo("NaN");
            assertThat(((Struct) records.get(0).value()).getString("amount")).isEqualTo("1.50");

            db.execute("CREATE TABLE " + ns + ".specials (id INT PRIMARY KEY, free NUMERIC, small NUMERIC(5,0),"
                    + " fit NUMERIC(10,3))",
                "INSERT INTO " + ns + ".specials VALUES (1, 'NaN', 'NaN', 'NaN')");
            Map<String, String> specials = db.taskConfig(ns, "specials", "bulk");
            specials.put("numeric.mapping", "best_fit");
            specials.put("value.unrepresentable.action", "null");
            SourceRecord record = TypesIT.readAll(specials, 1).get(0);
            Struct value = (Struct) record.value();
            assertThat(value.getString("free")).isEqualTo("NaN");
            assertThat(value.get("small")).isNull();
            assertThat(header(record, "spillway.unrepresentable.small")).isEqualTo("NaN");
            assertThat(value.getFloat64("fit")).isNaN();
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void postgresInfinityDatesFailOrTravelAsText() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".inf (id INT PRIMARY KEY, d DATE, ts TIMESTAMP, tstz TIMESTAMPTZ)",
                "INSERT INTO " + ns + ".inf VALUES (1, 'infinity', '-infinity', 'infinity')");
            Map<String, String> props = db.taskConfig(ns, "inf", "bulk");
            assertFailsNaming(props, "'d'", ns + ".inf", "key id=1", "'infinity'");

            props.put("value.unrepresentable.action", "null");
            SourceRecord record = TypesIT.readAll(props, 1).get(0);
            Struct value = (Struct) record.value();
            assertThat(value.get("d")).isNull();
            assertThat(value.get("ts")).isNull();
            assertThat(header(record, "spillway.unrepresentable.ts")).isEqualTo("-infinity");
            assertThat(header(record, "spillway.unrepresentable.tstz")).isEqualTo("infinity");

            props.put("time.precision.mode", "string");
            value = (Struct) TypesIT.readAll(props, 1).get(0).value();
            assertThat(value.getString("d")).isEqualTo("infinity");
            assertThat(value.getString("ts")).isEqualTo("-infinity");
            assertThat(value.getString("tstz")).isEqualTo("infinity");
        } finally {
            db.dropNamespace(ns);
        }
    }

    /** 24:00:00 was 23:59:59.999; a timetz offset became +00 once the driver switched to binary transfer. */
    @Test
    void postgresEndOfDayAndTimetzOffsetSurviveRepeatedReads() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".t (id INT PRIMARY KEY, t TIME, ttz TIMETZ, ts TIMESTAMP(6),"
                    + " a INT[])",
                "INSERT INTO " + ns + ".t VALUES (1, '24:00:00', '03:04:05.123456+05:30', '2026-01-02 03:04:05.123456',"
                    + " '{1,NULL}')");
            Map<String, String> props = db.taskConfig(ns, "t", "bulk");
            props.put("poll.interval.ms", "10");
            // The PostgreSQL driver moves a statement to the binary format after its fifth run.
            List<SourceRecord> records = TypesIT.readAll(props, 8);
            for (SourceRecord record : records) {
                Struct value = (Struct) record.value();
                assertThat(((java.util.Date) value.get("t")).getTime()).isEqualTo(86_400_000L);
                assertThat(value.getString("ttz")).isEqualTo("03:04:05.123456+05:30");
                assertThat(value.getArray("a")).containsExactly(1, null);
            }
            props.put("time.precision.mode", "microseconds");
            Struct micro = (Struct) TypesIT.readAll(props, 1).get(0).value();
            assertThat(micro.getInt64("t")).isEqualTo(86_400_000_000L);
            assertThat(micro.getInt64("ts")).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z").toEpochMilli() * 1000 + 456);
            assertThat(micro.schema().field("ts").schema().name()).isEqualTo("dev.spillway.time.MicroTimestamp");
            props.put("time.precision.mode", "nanoseconds");
            Struct nano = (Struct) TypesIT.readAll(props, 1).get(0).value();
            assertThat(nano.getInt64("t")).isEqualTo(86_400_000_000_000L);
            assertThat(nano.getInt64("ts")).isEqualTo(micro.getInt64("ts") * 1000);
            assertThat(nano.schema().field("ts").schema().name()).isEqualTo("dev.spillway.time.NanoTimestamp");
            props.put("time.precision.mode", "string");
            Struct text = (Struct) TypesIT.readAll(props, 1).get(0).value();
            assertThat(text.getString("t")).isEqualTo("24:00:00");
            assertThat(text.getString("ts")).isEqualTo("2026-01-02T03:04:05.123456");
        } finally {
            db.dropNamespace(ns);
        }
    }

    /** TINYINT(1) arrived as a boolean (127 and -128 both true); TIME beyond a day as a wrong time of day. */
    @Test
    void mariaDbTinyIntOneAndLongTimes() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".m (id INT PRIMARY KEY, flag TINYINT(1), uflag TINYINT(1) UNSIGNED,"
                    + " b BOOLEAN, bit1 BIT(1), t TIME(6))",
                "INSERT INTO " + ns + ".m VALUES (1, 127, 255, -128, b'1', '838:59:59.999999'),"
                    + " (2, -128, 0, 1, b'0', '-838:59:59')");
            Map<String, String> props = db.taskConfig(ns, "m", "bulk");
            assertFailsNaming(props, "'t'", ns + ".m", "key id=1", "'838:59:59.999999'");

            props.put("time.precision.mode", "microseconds");
            List<SourceRecord> records = TypesIT.readAll(props, 2);
            Struct first = (Struct) records.get(0).value();
            Struct second = (Struct) records.get(1).value();
            assertThat(first.getInt8("flag")).isEqualTo((byte) 127);
            assertThat(second.getInt8("flag")).isEqualTo((byte) -128);
            assertThat(first.getInt16("uflag")).isEqualTo((short) 255);
            assertThat(first.getInt8("b")).isEqualTo((byte) -128);
            assertThat(first.getBoolean("bit1")).isTrue();
            assertThat(second.getBoolean("bit1")).isFalse();
            assertThat(first.getInt64("t")).isEqualTo(3_020_399_999_999L);
            assertThat(second.getInt64("t")).isEqualTo(-3_020_399_000_000L);

            props.put("time.precision.mode", "string");
            records = TypesIT.readAll(props, 2);
            assertThat(((Struct) records.get(0).value()).getString("t")).isEqualTo("838:59:59.999999");
            assertThat(((Struct) records.get(1).value()).getString("t")).isEqualTo("-838:59:59");
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void mariaDbZeroDatesAreNeverSilentlyNullOrShifted() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".z (id INT PRIMARY KEY, d DATE NOT NULL, dt DATETIME NOT NULL,"
                    + " y YEAR)",
                "SET SESSION sql_mode = ''",
                "INSERT INTO " + ns + ".z VALUES (1, '2020-00-00', '0000-00-00 00:00:00', 0)");
            Map<String, String> props = db.taskConfig(ns, "z", "bulk");
            assertFailsNaming(props, "'d'", ns + ".z", "key id=1", "'2020-00-00'");

            props.put("value.unrepresentable.action", "null");
            SourceRecord record = TypesIT.readAll(props, 1).get(0);
            assertThat(((Struct) record.value()).get("d")).isNull();
            assertThat(header(record, "spillway.unrepresentable.d")).isEqualTo("2020-00-00");
            assertThat(header(record, "spillway.unrepresentable.dt")).isEqualTo("0000-00-00 00:00:00");
            assertThat(((Struct) record.value()).getInt16("y")).isEqualTo((short) 0);

            props.put("time.precision.mode", "string");
            Struct text = (Struct) TypesIT.readAll(props, 1).get(0).value();
            assertThat(text.getString("d")).isEqualTo("2020-00-00");
            assertThat(text.getString("dt")).isEqualTo("0000-00-00 00:00:00");
        } finally {
            db.dropNamespace(ns);
        }
    }

    /** A timestamp mode whose column holds -infinity and infinity: the task reads on and never loops. */
    @Test
    void postgresInfinityInTheTimestampColumnOfATimestampMode() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            db.execute("CREATE TABLE " + ns + ".ev (id INT PRIMARY KEY, updated TIMESTAMP(6))",
                "INSERT INTO " + ns + ".ev VALUES (1, '-infinity'), (2, '2026-01-02 03:04:05.123456'),"
                    + " (3, 'infinity')");
            for (String mode : List.of("timestamp", "timestamp+incrementing")) {
                Map<String, String> props = db.taskConfig(ns, "ev", mode);
                props.put("value.unrepresentable.action", "null");
                try (TaskDriver driver = new TaskDriver(props)) {
                    List<SourceRecord> records = driver.pollUntil(r -> r.size() >= 2, TIMEOUT);
                    driver.pollFor(Duration.ofMillis(500));
                    // 'infinity' is after every horizon: like any row from the future it waits.
                    assertThat(driver.emitted).extracting(r -> ((Struct) r.value()).getInt32("id"))
                        .as(mode).containsExactly(1, 2);
                    assertThat(header(records.get(0), "spillway.unrepresentable.updated")).isEqualTo("-infinity");
                    driver.restart();
                    driver.pollFor(Duration.ofMillis(500));
                    assertThat(driver.emitted).as(mode + " after a restart").hasSize(2);
                }
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    /** A timestamp mode whose column holds MariaDB's zero date: the rows are read, once, and the task goes on. */
    @Test
    void mariaDbZeroDateInTheTimestampColumnOfATimestampMode() throws Exception {
        TestDatabase db = TestDatabase.MARIADB;
        String ns = db.createNamespace();
        try {
            // MariaDB orders date-times as numbers: zero date < 2019-12-31 < 2020-00-00 < 2020-01-00 < 2020-01-01.
            db.execute("CREATE TABLE " + ns + ".ev (id INT PRIMARY KEY, updated DATETIME(6) NOT NULL)",
                "SET SESSION sql_mode = ''",
                "INSERT INTO " + ns + ".ev VALUES (1, '0000-00-00 00:00:00'), (2, '2026-01-02 03:04:05.123456'),"
                    + " (3, '2020-01-01 00:00:00'), (4, '2020-01-00 00:00:00'), (5, '2020-00-00 10:00:00'),"
                    + " (6, '2019-12-31 23:59:59.999999'), (7, '2020-00-00 00:00:00.5')");
            List<Integer> order = List.of(1, 6, 7, 5, 4, 3, 2);
            for (String mode : List.of("timestamp", "timestamp+incrementing")) {
                Map<String, String> props = db.taskConfig(ns, "ev", mode);
                props.put("value.unrepresentable.action", "null");
                try (TaskDriver driver = new TaskDriver(props)) {
                    driver.pollUntil(r -> r.size() >= order.size(), TIMEOUT);
                    driver.pollFor(Duration.ofMillis(500));
                    assertThat(ids(driver.emitted)).as(mode).containsExactlyElementsOf(order);
                    driver.restart();
                    driver.pollFor(Duration.ofMillis(500));
                    assertThat(driver.emitted).as(mode + " after a restart").hasSize(order.size());
                    // A restart from each record's offset resumes right after it.
                    List<SourceRecord> first = List.copyOf(driver.emitted);
                    for (int i = 0; i < first.size(); i++) {
                        driver.commitOnlyUpTo(first.get(i));
                        driver.restart();
                        int before = driver.emitted.size();
                        int expected = first.size() - 1 - i;
                        driver.pollUntil(r -> r.size() >= before + expected, TIMEOUT);
                        driver.pollFor(Duration.ofMillis(300));
                        assertThat(ids(driver.emitted.subList(before, driver.emitted.size())))
                            .as(mode + " restarted after id " + order.get(i) + " at " + first.get(i).sourceOffset())
                            .containsExactlyElementsOf(order.subList(i + 1, order.size()));
                    }
                }
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    @Test
    void postgresNaNInANumericIncrementingColumnFailsWithOneLine() throws Exception {
        TestDatabase db = TestDatabase.POSTGRES;
        String ns = db.createNamespace();
        try {
            // PostgreSQL sorts NaN above every number: once it was the position, no later id could ever be read.
            db.execute("CREATE TABLE " + ns + ".nid (id NUMERIC PRIMARY KEY, updated TIMESTAMP NOT NULL)",
                "INSERT INTO " + ns + ".nid VALUES (1, '2020-01-01'), ('NaN', '2020-01-02')");
            for (String mode : List.of("incrementing", "timestamp+incrementing")) {
                Map<String, String> props = db.taskConfig(ns, "nid", mode);
                try (TaskDriver driver = new TaskDriver(props)) {
                    assertThatThrownBy(() -> driver.pollUntil(r -> r.size() >= 2, TIMEOUT))
                        .isInstanceOf(DataException.class)
                        .satisfies(e -> assertThat(e.getMessage()).as(mode).doesNotContain("\n")
                            .contains("'id'", ns + ".nid", "'NaN'"));
                }
            }
        } finally {
            db.dropNamespace(ns);
        }
    }

    private static List<Integer> ids(List<SourceRecord> records) {
        return records.stream().map(r -> ((Struct) r.value()).getInt32("id")).toList();
    }

    private static void assertFailsNaming(Map<String, String> props, String... parts) {
        try (TaskDriver driver = new TaskDriver(props)) {
            assertThatThrownBy(() -> driver.pollUntil(r -> !r.isEmpty(), TIMEOUT))
                .isInstanceOf(DataException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(parts)
                    .contains("value.unrepresentable.action=null"));
        }
    }

    static String header(SourceRecord record, String key) {
        Header header = record.headers().lastWithName(key);
        return header == null ? null : (String) header.value();
    }
}
