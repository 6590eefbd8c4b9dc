package dev.spillway.connect.jdbc;

import dev.spillway.connect.common.config.Problem;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Where the database is, who logs in, and how long to wait for it and between retries. */
public final class ConnectionSettings {

    private static final String GROUP = "Connection";

    public static final String URL_CONFIG = "connection.url";
    private static final String URL_DOC = "JDBC URL, e.g. jdbc:postgresql://db:5432/shop or"
        + " jdbc:mariadb://db:3306/shop. The prefix picks the dialect: PostgreSQL, MariaDB/MySQL (jdbc:mariadb: or"
        + " jdbc:mysql:; the bundled MariaDB driver serves both, unless MySQL Connector/J placed in the plugin"
        + " directory takes jdbc:mysql: URLs), or generic ANSI SQL for any other driver placed in the plugin"
        + " directory. Put no password in"
        + " it: use connection.password. (A password=... parameter or user:password@ in it is masked wherever the"
        + " connector shows the URL, but the URL is stored in the worker's config topic as it is.) Every session"
        + " the connector opens is read-only.";

    public static final String USER_CONFIG = "connection.user";
    private static final String USER_DOC = "Database user.";

    public static final String PASSWORD_CONFIG = "connection.password";
    private static final String PASSWORD_DOC = "Database password; never logged. Use a config provider"
        + " (${file:...}) to keep it out of the connector config.";

    public static final String CONNECTION_TIMEOUT_CONFIG = "connection.timeout.ms";
    private static final String CONNECTION_TIMEOUT_DOC = "How long to wait for a connection (and for the"
        + " database to answer a login) before the attempt counts as failed.";
    private static final long CONNECTION_TIMEOUT_DEFAULT = 10_000L;

    public static final String BACKOFF_CONFIG = "connection.backoff.ms";
    private static final String BACKOFF_DOC = "After a transient database error (connection lost, database"
        + " restarting, timeout) the task waits this long before it tries again from its last offset, doubling up"
        + " to connection.backoff.max.ms. Errors that retrying cannot fix (wrong password, missing privilege,"
        + " missing column) fail the task instead. A missing table is retried until the catalog confirms that it"
        + " was dropped; then the task stops reading it (see table.poll.interval.ms).";
    private static final long BACKOFF_DEFAULT = 1_000L;

    public static final String BACKOFF_MAX_CONFIG = "connection.backoff.max.ms";
    private static final String BACKOFF_MAX_DOC = "The longest wait between retries after transient errors.";
    /** Public for spillway-migrate, which must keep connection.backoff.ms within it. */
    public static final long BACKOFF_MAX_DEFAULT = 30_000L;

    private final String url;
    private final String user;
    private final Password password;
    private final Duration connectionTimeout;
    private final Duration backoff;
    private final Duration backoffMax;

    ConnectionSettings(AbstractConfig config) {
        this.url = config.getString(URL_CONFIG);
        this.user = config.getString(USER_CONFIG);
        this.password = config.getPassword(PASSWORD_CONFIG);
        this.connectionTimeout = Duration.ofMillis(config.getLong(CONNECTION_TIMEOUT_CONFIG));
        this.backoff = Duration.ofMillis(config.getLong(BACKOFF_CONFIG));
        this.backoffMax = Duration.ofMillis(config.getLong(BACKOFF_MAX_CONFIG));
    }

    /** Adds this concern's keys to the connector's ConfigDef. */
    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def.define(URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new NonEmptyString(), Importance.HIGH,
                URL_DOC, GROUP, ++order, Width.LONG, "JDBC URL")
            .define(USER_CONFIG, Type.STRING, null, Importance.HIGH, USER_DOC, GROUP, ++order, Width.MEDIUM, "User")
            .define(PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, PASSWORD_DOC, GROUP, ++order,
                Width.MEDIUM, "Password")
            .define(CONNECTION_TIMEOUT_CONFIG, Type.LONG, CONNECTION_TIMEOUT_DEFAULT, Range.atLeast(250),
                Importance.LOW, CONNECTION_TIMEOUT_DOC, GROUP, ++order, Width.SHORT, "Connection timeout")
            .define(BACKOFF_CONFIG, Type.LONG, BACKOFF_DEFAULT, Range.atLeast(0), Importance.LOW, BACKOFF_DOC,
                GROUP, ++order, Width.SHORT, "Retry backoff")
            .define(BACKOFF_MAX_CONFIG, Type.LONG, BACKOFF_MAX_DEFAULT, Range.atLeast(0), Importance.LOW,
                BACKOFF_MAX_DOC, GROUP, ++order, Width.SHORT, "Max retry backoff");
    }

    /** The backoff bounds must not cross. */
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (backoffMax.compareTo(backoff) < 0) {
            problems.add(new Problem(BACKOFF_MAX_CONFIG,
                "Must be at least connection.backoff.ms (" + backoff.toMillis() + ")."));
        }
        return problems;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** The password, or null; only ever handed to the driver. */
    public String password() {
        return password == null ? null : password.value();
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public Duration backoff() {
        return backoff;
    }

    public Duration backoffMax() {
        return backoffMax;
    }
}
