package dev.spillway.connect.smt;

import dev.spillway.connect.smt.predicates.FieldMatches;
import dev.spillway.connect.smt.predicates.IsCdcDelete;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every transform and predicate reports the bundle version Maven built, from the shared plugin-common resource. */
class PluginVersionTest {

    @Test
    void reportsTheVersionMavenBuilt() {
        List<Versioned> plugins = List.of(new Mask.Value<SinkRecord>(), new CdcUnwrap.Value<SinkRecord>(), new ParseJson.Value<SinkRecord>(),
            new RouteByField<SinkRecord>(), new Guard<SinkRecord>(), new FieldMatches<SinkRecord>(), new IsCdcDelete<SinkRecord>());
        for (Versioned plugin : plugins) {
            assertThat(plugin.version()).as(plugin.getClass().getName())
                .isEqualTo(System.getProperty("spillway.expected.version"));
        }
    }
}
