package dev.spillway.connect.smt.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.smt.CdcUnwrap;
import dev.spillway.connect.smt.Guard;
import dev.spillway.connect.smt.Mask;
import dev.spillway.connect.smt.RouteByField;
import dev.spillway.connect.smt.cdc.CdcEvents;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The transforms' counters as the MBeans a worker shows, registered on the first record and gone after close(). */
class TransformMetricsTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private static SourceRecord record(Object value) {
        return new SourceRecord(Map.of(), Map.of(), "orders", null, null, null, value);
    }

    private static Set<ObjectName> transformMBeans() throws Exception {
        return SERVER.queryNames(new ObjectName("spillway:type=transform-metrics,*"), null);
    }

    /** Applies the records and returns the one MBean the transform registered (outside a worker: task unknown). */
    private static ObjectName applyAndFindMBean(Transformation<SourceRecord> transform, String type,
                                                SourceRecord... records) throws Exception {
        Set<ObjectName> before = transformMBeans();
        for (SourceRecord record : records) {
            transform.apply(record);
        }
        Set<ObjectName> registered = new HashSet<>(transformMBeans());
        registered.removeAll(before);
        assertThat(registered).hasSize(1);
        ObjectName name = registered.iterator().next();
        assertThat(name.getKeyProperty("transform")).startsWith(type);
        assertThat(name.getKeyProperty("connector")).isEqualTo("unknown");
        return name;
    }

    private static double value(ObjectName name, String attribute) throws Exception {
        return ((Number) SERVER.getAttribute(name, attribute)).doubleValue();
    }

    @Test
    void cdcUnwrapCountsRecordsThatAreNotChangeEvents() throws Exception {
        CdcUnwrap<SourceRecord> unwrap = new CdcUnwrap.Value<>();
        unwrap.configure(Map.of());
        Set<ObjectName> before = transformMBeans();
        ObjectName name = applyAndFindMBean(unwrap, "CdcUnwrap.Value", record("not an envelope"),
            record(Map.of("plain", "map")),
            new SourceRecord(Map.of(), Map.of(), "orders", null, CdcEvents.ENVELOPE,
                CdcEvents.envelope("c", null, CdcEvents.row(1, "a@example.com"))));
        assertThat(before).as("nothing before the first record").doesNotContain(name);
        assertThat(value(name, "non-envelope-records-total")).isEqualTo(2);
        unwrap.close();
        assertThat(SERVER.isRegistered(name)).isFalse();
    }

    @Test
    void guardCountsRecordsRoutedToTheErrorTopic() throws Exception {
        Guard<SourceRecord> guard = new Guard<>();
        guard.configure(Map.of("transforms", "mask", "transforms.mask.type", Mask.Value.class.getName(),
            "transforms.mask.fields", "email", "error.topic", "orders-errors"));
        ObjectName name;
        Set<ObjectName> before = transformMBeans();
        try {
            guard.apply(record(Map.of("email", "a@example.com")));
            // Guard and its inner Mask each register their own MBean.
            assertThat(transformMBeans()).hasSize(before.size() + 2);
            guard.apply(record("not a map: Mask fails"));
            guard.apply(record("neither"));
            name = transformMBeans().stream().filter(n -> !before.contains(n))
                .filter(n -> n.getKeyProperty("transform").startsWith("Guard")).findFirst().orElseThrow();
            assertThat(value(name, "error-topic-records-total")).isEqualTo(2);
        } finally {
            guard.close();
        }
        assertThat(transformMBeans()).isEqualTo(before);
    }

    @Test
    void maskCountsMaskedAndHashedValues() throws Exception {
        Map<String, String> config = new HashMap<>(Map.of("fields", "email,phone", "mode", "hash"));
        Mask<SourceRecord> hash = new Mask.Value<>();
        hash.configure(config);
        Map<String, Object> withNull = new HashMap<>(Map.of("email", "a@example.com"));
        withNull.put("phone", null);
        ObjectName name = applyAndFindMBean(hash, "Mask.Value", record(Map.of("email", "a@example.com",
            "phone", "123")), record(withNull));
        assertThat(value(name, "masked-values-total")).as("null values are not masked").isEqualTo(3);
        assertThat(value(name, "hashed-values-total")).isEqualTo(3);
        hash.close();
        assertThat(SERVER.isRegistered(name)).isFalse();

        Mask<SourceRecord> replace = new Mask.Value<>();
        replace.configure(Map.of("fields", "email"));
        ObjectName replaced = applyAndFindMBean(replace, "Mask.Value", record(Map.of("email", "a@example.com")));
        assertThat(value(replaced, "masked-values-total")).isEqualTo(1);
        assertThat(value(replaced, "hashed-values-total")).isZero();
        replace.close();
    }

    @Test
    void maskCountsMissingFieldsWhetherItIgnoresOrFails() throws Exception {
        Mask<SourceRecord> ignoring = new Mask.Value<>();
        ignoring.configure(Map.of("fields", "email,phone"));
        ObjectName name = applyAndFindMBean(ignoring, "Mask.Value", record(Map.of("e_mail", "a@example.com")),
            record(Map.of("email", "a@example.com")));
        assertThat(value(name, "missing-fields-total")).isEqualTo(3);
        ignoring.close();

        Mask<SourceRecord> failing = new Mask.Value<>();
        failing.configure(Map.of("fields", "email", "missing.field.action", "fail"));
        Set<ObjectName> before = transformMBeans();
        try {
            failing.apply(record(Map.of("e_mail", "a@example.com")));
        } catch (org.apache.kafka.connect.errors.DataException expected) {
            // Counted all the same.
        }
        Set<ObjectName> registered = new HashSet<>(transformMBeans());
        registered.removeAll(before);
        assertThat(value(registered.iterator().next(), "missing-fields-total")).isEqualTo(1);
        failing.close();
    }

    @Test
    void routeByFieldCountsDistinctAndRefusedTopics() throws Exception {
        RouteByField<SourceRecord> route = new RouteByField<>();
        route.configure(Map.of("topic.template", "${value.region}", "on.missing", "fallback",
            "fallback.topic", "orders-other"));
        ObjectName name = applyAndFindMBean(route, "RouteByField", record(Map.of("region", "eu")),
            record(Map.of("region", "eu")), record(Map.of("region", "us")), record(Map.of("region", "_schemas")));
        assertThat(value(name, "distinct-topics")).as("eu, us and the fallback topic").isEqualTo(3);
        assertThat(value(name, "refused-topics-total")).isEqualTo(1);
        route.close();
        assertThat(SERVER.isRegistered(name)).isFalse();
    }

    @Test
    void aTransformClosedBeforeAnyRecordRegistersNothing() throws Exception {
        Set<ObjectName> before = transformMBeans();
        CdcUnwrap<SourceRecord> unwrap = new CdcUnwrap.Value<>();
        unwrap.configure(Map.of());
        unwrap.close();
        assertThat(transformMBeans()).isEqualTo(before);
    }

    @Test
    void theTransformTagIsTheTypeWithItsKeyOrValueVariant() {
        assertThat(TransformMetrics.typeOf(Mask.Key.class)).isEqualTo("Mask.Key");
        assertThat(TransformMetrics.typeOf(Guard.class)).isEqualTo("Guard");
    }
}
