package dev.spillway.connect.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.dialect.SqlErrors;
import dev.spillway.connect.jdbc.security.Redactor;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens database connections: a one-off connection for the connector's catalog work, and a small pool for a task
 * (one connection, created on first use, closed when idle) with bounded timeouts. Every connection is a read-only
 * session (see {@link ReadOnlySource}). The password goes to the driver only, and the URL only ever appears
 * redacted ({@link Redactor}): the pool is handed a data source, never the URL, so it cannot log it either.
 */
final class Connections {

    /** A task reads its tables one after the other, on one connection. */
    static final int POOL_SIZE = 1;

    private Connections() {
    }

    /** A pool of at most {@link #POOL_SIZE} connection(s). */
    static HikariDataSource pool(JdbcSourceConfig config, Dialect dialect, String name) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(source(config, dialect));
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setMinimumIdle(0);
        hikari.setIdleTimeout(Math.max(10_000L, config.pollingSettings().pollInterval().toMillis() * 3));
        hikari.setMaxLifetime(30 * 60_000L);
        hikari.setConnectionTimeout(config.connectionSettings().connectionTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(5_000L, config.connectionSettings().connectionTimeout().toMillis()));
        // Do not connect in the constructor: a database that is down at task start is a retriable condition.
        hikari.setInitializationFailTimeout(-1);
        hikari.setAutoCommit(true);
        // The pool resets this on every connection it hands out; false would undo ReadOnlySource's setting.
        hikari.setReadOnly(true);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new ConfigException(ConnectionSettings.URL_CONFIG, Redactor.url(config.connectionSettings().url()),
                "The connection pool cannot start (" + Redactor.text(e.getMessage(), config.connectionSettings().url()) + ").");
        }
    }

    /** A plain connection for catalog queries; the caller closes it. */
    static Connection open(JdbcSourceConfig config, Dialect dialect) throws SQLException {
        return source(config, dialect).getConnection();
    }

    private static ReadOnlySource source(JdbcSourceConfig config, Dialect dialect) {
        loadDriver(dialect);
        return new ReadOnlySource(config, dialect);
    }

    /** The error of a failed connection attempt as a ConnectException that says which setting to look at. */
    static ConnectException connectFailure(JdbcSourceConfig config, SQLException e) {
        if (SqlErrors.isAuthentication(e)) {
            return new ConnectException("The database refused the login of user '" + config.connectionSettings().user() + "': check "
                + ConnectionSettings.USER_CONFIG + " and " + ConnectionSettings.PASSWORD_CONFIG + " ("
                + Redactor.text(SqlErrors.describe(e), config.connectionSettings().url()) + ")", safeCause(e, config.connectionSettings().url()));
        }
        return new ConnectException("Cannot connect to " + Redactor.url(config.connectionSettings().url()) + ": "
            + Redactor.text(SqlErrors.describe(e), config.connectionSettings().url()) + ". Check " + ConnectionSettings.URL_CONFIG
            + " and that the database is reachable.", safeCause(e, config.connectionSettings().url()));
    }

    /**
     * The driver's error as the cause, unless its text (which the worker prints with the stack trace) echoes a
     * secret of the URL: then a copy with the secret masked, the same SQLState, code and stack.
     */
    static SQLException safeCause(SQLException e, String url) {
        boolean leaks = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            leaks |= message != null && !message.equals(Redactor.text(message, url));
        }
        if (!leaks) {
            return e;
        }
        SQLException copy = new SQLException(Redactor.text(SqlErrors.describe(e), url), e.getSQLState(),
            e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private static void loadDriver(Dialect dialect) {
        if (dialect.driverClassName() == null) {
            return;
        }
        try {
            Class.forName(dialect.driverClassName(), true, Connections.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConnectException("The bundled JDBC driver " + dialect.driverClassName() + " is missing from"
                + " the plugin directory", e);
        }
    }
}
