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
    void findsOwnerTagInDatabaseServerArguments() {
        assertThat(ProcessRegistry.ownerOf(List.of("-D", "/tmp/data", "-c", "spillway.testcluster.owner=42", "-c",
                "spillway.testcluster.ownerStart=7"))).contains(new ProcessRegistry.Owner(42, 7));
        assertThat(ProcessRegistry.ownerOf(List.of("--no-defaults", "--port=3306",
                "--loose-spillway-testcluster-owner=42", "--loose-spillway-testcluster-ownerStart=7")))
                .contains(new ProcessRegistry.Owner(42, 7));
        assertThat(ProcessRegistry.ownerOf(List.of("--port=3306", "-c", "max_connections=10"))).isEmpty();
    }

    @Test
    void ownerTagsRoundTrip() {
        ProcessRegistry.Owner self = ProcessRegistry.ownerOf(ProcessRegistry.ownerTagOptions()).orElseThrow();
        assertThat(ProcessRegistry.ownerOf(ProcessRegistry.ownerTags())).contains(self);
        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
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
