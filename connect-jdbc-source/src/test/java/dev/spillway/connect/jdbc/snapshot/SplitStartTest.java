package dev.spillway.connect.jdbc.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.jdbc.discovery.TableId;
import org.junit.jupiter.api.Test;

class SplitStartTest {

    @Test
    void roundTripsWithAndWithoutMark() {
        SplitStart start = new SplitStart(new TableId("a&b", "c,d"), "p1", "2026-12-01T10:00Z");
        assertThat(start.encode()).doesNotContain(",");
        assertThat(SplitStart.decode(start.encode())).isEqualTo(start);
        SplitStart bulk = new SplitStart(new TableId(null, "t"), "p2", null);
        assertThat(SplitStart.decode(bulk.encode())).isEqualTo(bulk);
    }
}
