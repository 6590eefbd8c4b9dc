package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ConnectorStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void parsesRunningConnectorWithTasksOrderedById() throws Exception {
        ConnectorStatus status = ConnectorStatus.fromJson(JSON.readTree("""
                {"name":"src","connector":{"state":"RUNNING","worker_id":"127.0.0.1:8083"},
                 "tasks":[{"id":1,"state":"RUNNING","worker_id":"127.0.0.1:8084"},
                          {"id":0,"state":"RUNNING","worker_id":"127.0.0.1:8083"}],
                 "type":"source"}
                """));

        assertThat(status.name()).isEqualTo("src");
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.workerId()).isEqualTo("127.0.0.1:8083");
        assertThat(status.trace()).isNull();
        assertThat(status.tasks()).containsExactly(
                new TaskStatus(0, "RUNNING", "127.0.0.1:8083", null),
                new TaskStatus(1, "RUNNING", "127.0.0.1:8084", null));
        assertThat(status.isRunning(2)).isTrue();
        assertThat(status.isRunning(1)).isFalse();
        assertThat(status.runningTaskCount()).isEqualTo(2);
        assertThat(status.failedTasks()).isEmpty();
        assertThat(status.taskIdsOn("127.0.0.1:8084")).containsExactly("1");
        assertThat(status.taskIdsOn("127.0.0.1:9999")).isEmpty();
    }

    @Test
    void parsesFailedTaskWithTrace() throws Exception {
        ConnectorStatus status = ConnectorStatus.fromJson(JSON.readTree("""
                {"name":"src","connector":{"state":"RUNNING","worker_id":"w1"},
                 "tasks":[{"id":0,"state":"FAILED","worker_id":"w1","trace":"org.x.Boom: no\\n\\tat a.b"}]}
                """));

        assertThat(status.isRunning(1)).isFalse();
        assertThat(status.failedTasks()).singleElement()
                .satisfies(task -> assertThat(task.trace()).startsWith("org.x.Boom: no"));
        assertThat(status.describe()).contains("task 0 FAILED on w1").contains("org.x.Boom: no");
    }

    @Test
    void toleratesMissingTasksAndFailedConnector() throws Exception {
        ConnectorStatus status = ConnectorStatus.fromJson(JSON.readTree("""
                {"name":"src","connector":{"state":"FAILED","worker_id":"w1","trace":"boom"}}
                """));

        assertThat(status.tasks()).isEmpty();
        assertThat(status.isFailed()).isTrue();
        assertThat(status.trace()).isEqualTo("boom");
        assertThat(status.isRunning(0)).isFalse();
    }
}
