package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRegistryTest {

    @Test
    void findsOwnerTag() {
        assertThat(ProcessRegistry.ownerOf(List.of("-Xmx1g", "-Dspillway.testcluster.owner=42",
                "-Dspillway.testcluster.ownerStart=1700000000000", "kafka.Kafka")))
                .contains(new ProcessRegistry.Owner(42, 1700000000000L));
        assertThat(ProcessRegistry.ownerOf(List.of("-Dspillway.testcluster.owner=42")))
                .contains(new ProcessRegistry.Owner(42, 0));
        assertThat(ProcessRegistry.ownerOf(List.of("-Dspillway.testcluster.owner=x", "kafka.Kafka"))).isEmpty();
        assertThat(ProcessRegistry.ownerOf(List.of("kafka.Kafka"))).isEmpty();
    }

    @Test
    void ownerIsAliveOnlyWithMatchingStartTime() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().orElseThrow().toEpochMilli();

        assertThat(ProcessRegistry.isAlive(new ProcessRegistry.Owner(self.pid(), start))).isTrue();
        assertThat(ProcessRegistry.isAlive(new ProcessRegistry.Owner(self.pid(), 0))).isTrue();
        // Same pid, other start time: the pid was reused, the owner is gone.
        assertThat(ProcessRegistry.isAlive(new ProcessRegistry.Owner(self.pid(), start - 3_600_000))).isFalse();
        assertThat(ProcessRegistry.isAlive(new ProcessRegistry.Owner(Integer.MAX_VALUE - 1L, 0))).isFalse();
    }

    @Test
    void runningProcessIsNoZombie() {
        assertThat(ProcessRegistry.isZombie(ProcessHandle.current().pid())).isFalse();
        assertThat(ProcessRegistry.isZombie(Integer.MAX_VALUE - 1L)).isFalse();
    }
}
