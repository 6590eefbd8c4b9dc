package dev.spillway.connect.smt.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class DerivedSchemasTest {

    private final AtomicInteger derivations = new AtomicInteger();
    private final DerivedSchemas<String> names = new DerivedSchemas<>(2, schema -> {
        derivations.incrementAndGet();
        return "derived:" + schema.name();
    });

    @Test
    void derivesOncePerSchemaInstance() {
        Schema schema = row("a");
        assertThat(names.get(schema)).isEqualTo("derived:a");
        assertThat(names.get(schema)).isEqualTo("derived:a");
        assertThat(derivations).hasValue(1);
    }

    @Test
    void equalSchemasShareTheDerivedValue() {
        names.get(row("a"));
        names.get(row("b"));
        assertThat(names.get(row("a"))).isEqualTo("derived:a");
        assertThat(derivations).hasValue(2);
    }

    @Test
    void evictsBeyondItsCapacity() {
        names.get(row("a"));
        names.get(row("b"));
        names.get(row("c"));
        names.get(row("a"));
        assertThat(derivations).hasValue(4);
    }

    @Test
    void rejectsADerivationThatReturnsNull() {
        DerivedSchemas<String> broken = new DerivedSchemas<>(2, schema -> null);
        assertThatNullPointerException().isThrownBy(() -> broken.get(row("a")));
    }

    private static Schema row(String name) {
        return SchemaBuilder.struct().name(name).field("id", Schema.INT64_SCHEMA).build();
    }
}
