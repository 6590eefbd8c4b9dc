package dev.spillway.connect.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The poll thread's one pooled connection: borrowed when a read needs it, given back when the task is idle (the
 * pool closes it then), evicted after an error that may have broken it. {@link #close()}, from any thread, wakes a
 * borrow that waits for a database that is down and closes the pool, which aborts a running query's connection.
 */
final class TaskConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskConnection.class);

    private final HikariDataSource pool;
    private final Object acquireLock = new Object();
    /** The poll thread while it waits for a pooled connection; guarded by acquireLock. */
    private Thread acquiring;
    private boolean closed;
    private Connection connection;

    TaskConnection(HikariDataSource pool) {
        this.pool = pool;
    }

    HikariDataSource pool() {
        return pool;
    }

    /** The held connection, borrowed from the pool (in autocommit) if none is held. */
    Connection get() throws SQLException {
        if (connection == null) {
            synchronized (acquireLock) {
                acquiring = Thread.currentThread();
            }
            try {
                connection = pool.getConnection();
            } finally {
                synchronized (acquireLock) {
                    acquiring = null;
                    if (closed) {
                        // An interrupt from close() must not outlive the acquisition it was meant for.
                        Thread.interrupted();
                    }
                }
            }
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
        }
        return connection;
    }

    /** Gives the connection back to the pool, which closes it when idle: an idle task holds none for long. */
    void release() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing a pooled connection failed", e);
            }
            connection = null;
        }
    }

    /** After an error the connection may be broken: evict it rather than return it. */
    void discard() {
        if (connection != null) {
            try {
                pool.evictConnection(connection);
            } catch (RuntimeException e) {
                LOG.debug("Evicting a connection failed", e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        // While the database is down the poll thread waits up to connection.timeout.ms for a connection, and
        // closing the pool does not wake it: only an interrupt does.
        synchronized (acquireLock) {
            closed = true;
            if (acquiring != null) {
                acquiring.interrupt();
            }
        }
        pool.close();
    }
}
