package dev.spillway.connect.jdbc.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

class TableMonitorTest {

    private static final DiscoveredTable ORDERS = new DiscoveredTable(new TableId("public", "orders"), TableType.TABLE, 10);

    /** Answers from a script: a list of tables, or an exception to throw. */
    private static final class ScriptedCatalog implements TableMonitor.Catalog {
        private final Deque<Object> answers = new ArrayDeque<>();

        ScriptedCatalog then(Object answer) {
            answers.add(answer);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public synchronized List<DiscoveredTable> tables() throws SQLException {
            Object answer = answers.size() > 1 ? answers.poll() : answers.peek();
            if (answer instanceof SQLException e) {
                throw e;
            }
            return (List<DiscoveredTable>) answer;
        }

        @Override
        public RuntimeException nothingMatches() {
            return new IllegalStateException("nothing matches");
        }

        @Override
        public boolean isTransient(SQLException e) {
            return e instanceof SQLTransientConnectionException;
        }

        @Override
        public RuntimeException failure(SQLException e) {
            return new IllegalStateException("cannot connect: " + e.getMessage());
        }

        @Override
        public String describe(Exception e) {
            return e.getMessage();
        }
    }

    private static final class Recording implements TableMonitor.Listener {
        final CountDownLatch changed = new CountDownLatch(1);

        @Override
        public void tablesChanged() {
            changed.countDown();
        }

        @Override
        public void failed(RuntimeException e) {
        }
    }

    @Test
    void findsTheTablesAtStart() {
        TableMonitor monitor = new TableMonitor("m", Duration.ZERO, new ScriptedCatalog().then(List.of(ORDERS)),
            new Recording());
        monitor.start();
        assertThat(monitor.tables()).containsExactly(ORDERS);
        monitor.stop();
    }

    @Test
    void anIncludeListMatchingNothingAndAPermanentErrorFailTheStart() {
        assertThatThrownBy(() -> new TableMonitor("m", Duration.ZERO, new ScriptedCatalog().then(List.of()),
            new Recording()).start()).hasMessage("nothing matches");
        assertThatThrownBy(() -> new TableMonitor("m", Duration.ZERO,
            new ScriptedCatalog().then(new SQLException("password authentication failed")), new Recording())
            .start()).hasMessage("cannot connect: password authentication failed");
    }

    @Test
    void aDatabaseDownAtStartLeavesTheTablesUnknownUntilItAnswers() throws InterruptedException {
        Recording listener = new Recording();
        TableMonitor monitor = new TableMonitor("m", Duration.ZERO,
            new ScriptedCatalog().then(new SQLTransientConnectionException("refused")).then(List.of(ORDERS)),
            listener);
        monitor.start();
        try {
            assertThat(monitor.tables()).isNull();
            listener.changed.await();
            assertThat(monitor.tables()).containsExactly(ORDERS);
        } finally {
            monitor.stop();
        }
    }
}
