package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ClusterLogsOnFailureTest {

    @Test
    void attachesLogsOfWatchedClustersAndRethrows() {
        ClusterLogsOnFailure extension = new ClusterLogsOnFailure(3);
        Object cluster = new Object();
        extension.watch(cluster, "c", lines -> "===== c/broker =====\nlast " + lines + " lines\n");
        AssertionError failure = new AssertionError("expected 5 records");

        assertThatThrownBy(() -> extension.handleTestExecutionException(null, failure)).isSameAs(failure);

        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(ClusterLogs.class)
                .satisfies(logs -> assertThat(logs.getMessage()).contains("c/broker").contains("last 3 lines"));
    }

    @Test
    void attachesOnlyOnceAndSkipsAbortedTests() throws Throwable {
        ClusterLogsOnFailure extension = new ClusterLogsOnFailure();
        extension.watch(new Object(), "c", lines -> "logs\n");
        RuntimeException failure = new RuntimeException("boom");
        TestAbortedException aborted = new TestAbortedException("assumption");

        extension.attachLogs(failure);
        extension.attachLogs(failure);
        extension.attachLogs(aborted);

        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(aborted.getSuppressed()).isEmpty();
    }

    @Test
    void survivesUnreadableLogs() {
        ClusterLogsOnFailure extension = new ClusterLogsOnFailure();
        extension.watch(new Object(), "broken", lines -> {
            throw new IllegalStateException("gone");
        });
        RuntimeException failure = new RuntimeException("boom");

        extension.attachLogs(failure);

        assertThat(failure.getSuppressed()[0].getMessage()).contains("cannot read logs of broken");
    }
}
