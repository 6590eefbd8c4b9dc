package dev.spillway.connect.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.dialect.SqlErrors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Opens database connections: a one-off connection for the connector's catalog work, and a small pool for a task
 * (one connection, created on first use, closed when idle) with bounded timeouts. The password goes to the driver
 * only.
 */
final class Connections {

    /** A task reads its tables one after the other, on one connection. */
    static final int POOL_SIZE = 1;

    private Connections() {
    }

    /** A pool of at most {@link #POOL_SIZE} connection(s). */
    static HikariDataSource pool(JdbcSourceConfig config, Dialect dialect, String name) {
        loadDriver(dialect);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(config.url());
        if (dialect.driverClassName() != null) {
            hikari.setDriverClassName(dialect.driverClassName());
        }
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setMinimumIdle(0);
        hikari.setIdleTimeout(Math.max(10_000L, config.pollInterval().toMillis() * 3));
        hikari.setMaxLifetime(30 * 60_000L);
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(5_000L, config.connectionTimeout().toMillis()));
        // Do not connect in the constructor: a database that is down at task start is a retriable condition.
        hikari.setInitializationFailTimeout(-1);
        hikari.setAutoCommit(true);
        dialect.connectionProperties().forEach(hikari::addDataSourceProperty);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new ConfigException(JdbcSourceConfig.URL_CONFIG, config.url(),
                "No JDBC driver accepts this URL (" + e.getMessage() + "). Check the URL, or put the driver's jar"
                    + " in the plugin directory.");
        }
    }

    /** A plain connection for catalog queries; the caller closes it. */
    static Connection open(JdbcSourceConfig config, Dialect dialect) throws SQLException {
        loadDriver(dialect);
        Properties properties = new Properties();
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        for (Map.Entry<String, String> property : dialect.connectionProperties().entrySet()) {
            properties.setProperty(property.getKey(), property.getValue());
        }
        int seconds = (int) Math.max(1, config.connectionTimeout().toSeconds());
        properties.putIfAbsent("connectTimeout", dialect.name().equals("mariadb")
            ? String.valueOf(seconds * 1000) : String.valueOf(seconds));
        Driver driver;
        try {
            driver = DriverManager.getDriver(config.url());
        } catch (SQLException e) {
            throw new ConfigException(JdbcSourceConfig.URL_CONFIG, config.url(), "No JDBC driver accepts this"
                + " URL. Check its prefix (jdbc:postgresql://, jdbc:mariadb://, ...), or put the driver's jar in the"
                + " plugin directory.");
        }
        Connection connection = driver.connect(config.url(), properties);
        if (connection == null) {
            throw new ConfigException(JdbcSourceConfig.URL_CONFIG, config.url(), "The driver rejected the URL.");
        }
        return connection;
    }

    /** The error of a failed connection attempt as a ConnectException that says which setting to look at. */
    static ConnectException connectFailure(JdbcSourceConfig config, SQLException e) {
        if (SqlErrors.isAuthentication(e)) {
            return new ConnectException("The database refused the login of user '" + config.user() + "': check "
                + JdbcSourceConfig.USER_CONFIG + " and " + JdbcSourceConfig.PASSWORD_CONFIG + " ("
                + SqlErrors.describe(e) + ")", e);
        }
        return new ConnectException("Cannot connect to " + config.url() + ": " + SqlErrors.describe(e)
            + ". Check " + JdbcSourceConfig.URL_CONFIG + " and that the database is reachable.", e);
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
