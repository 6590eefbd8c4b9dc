package io.confluent.connect.jdbc;

import dev.spillway.migrate.standin.StandInSourceConnector;
import org.apache.kafka.connect.connector.Task;

/**
 * A stand-in under the class name of Confluent's JDBC source, which is not available here: it runs no task and
 * accepts any offsets, so a test can store Confluent-shaped offsets for it through the worker's offsets API and
 * migrate them as if Confluent's connector had written them. It is Spillway test code, not Confluent's.
 */
public class JdbcSourceConnector extends StandInSourceConnector {

    @Override
    public Class<? extends Task> taskClass() {
        return NoTask.class;
    }
}
