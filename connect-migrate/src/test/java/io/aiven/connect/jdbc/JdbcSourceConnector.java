package io.aiven.connect.jdbc;

import dev.spillway.migrate.standin.StandInSourceConnector;
import org.apache.kafka.connect.connector.Task;

/**
 * A stand-in under the class name of Aiven's JDBC source, which is not available here: it runs no task and
 * accepts any offsets, so a test can store Aiven-shaped offsets for it through the worker's offsets API and
 * migrate them as if Aiven's connector had written them. It is Spillway test code, not Aiven's.
 */
public class JdbcSourceConnector extends StandInSourceConnector {

    @Override
    public Class<? extends Task> taskClass() {
        return NoTask.class;
    }
}
