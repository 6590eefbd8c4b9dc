package dev.spillway.connect.jdbc;

import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.security.Redactor;
import org.apache.kafka.common.config.ConfigException;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Every connection the connector opens, for the pool and for catalog work: from the driver with the user,
 * password and dialect properties, and made a read-only session before anyone uses it. The custom query is
 * pasted into SQL, so a query that breaks out of its parentheses must find a session that refuses to write:
 * {@link Connection#setReadOnly} and the dialect's session statement (PostgreSQL
 * {@code default_transaction_read_only}, MariaDB {@code SET SESSION TRANSACTION READ ONLY}). Its toString shows
 * the URL redacted, since the pool logs it.
 */
final class ReadOnlySource implements DataSource {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReadOnlySource.class);

    private final String url;
    private final Properties properties = new Properties();
    private final Dialect dialect;
    private final Driver driver;
    private volatile int loginTimeoutSeconds;

    /** Throws a ConfigException on {@code connection.url} at once if no driver accepts the URL. */
    ReadOnlySource(JdbcSourceConfig config, Dialect dialect) {
        String configured = config.connectionSettings().url();
        this.dialect = dialect;
        Driver found;
        String driverUrl = configured;
        try {
            found = DriverManager.getDriver(configured);
        } catch (SQLException e) {
            found = null;
        }
        if (found == null && MariaDbUrls.isMysqlScheme(configured)) {
            // No MySQL Connector/J in the plugin directory: the bundled MariaDB driver speaks the same protocol but
            // only takes a jdbc:mysql: URL that says permitMysqlScheme.
            driverUrl = MariaDbUrls.permitMysqlScheme(configured);
            try {
                found = DriverManager.getDriver(driverUrl);
            } catch (SQLException e) {
                found = null;
            }
        }
        if (found == null) {
            throw new ConfigException(ConnectionSettings.URL_CONFIG, Redactor.url(configured), "No JDBC driver"
                + " accepts this URL. Check its prefix (jdbc:postgresql://, jdbc:mariadb://, jdbc:mysql://, ...), or"
                + " put the driver's jar in the plugin directory.");
        }
        this.driver = found;
        this.url = driverUrl;
        // Which driver took the URL matters when several in the plugin directory could (MySQL and MariaDB's).
        LOG.debug("JDBC driver {} {}.{} serves {}", found.getClass().getName(), found.getMajorVersion(),
            found.getMinorVersion(), Redactor.url(configured));
        if (config.connectionSettings().user() != null) {
            properties.setProperty("user", config.connectionSettings().user());
        }
        if (config.connectionSettings().password() != null) {
            properties.setProperty("password", config.connectionSettings().password());
        }
        for (Map.Entry<String, String> property : dialect.connectionProperties().entrySet()) {
            properties.setProperty(property.getKey(), property.getValue());
        }
        properties.putIfAbsent("connectTimeout", dialect.connectTimeout(config.connectionSettings().connectionTimeout()));
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new ConfigException(ConnectionSettings.URL_CONFIG, Redactor.url(url), "The driver rejected the URL.");
        }
        try {
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                for (String sql : dialect.readOnlySessionSql()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return connection;
    }

    /** The pool passes its user and password only when it was given some; it never is. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "read-only connections to " + Redactor.url(url);
    }
}
