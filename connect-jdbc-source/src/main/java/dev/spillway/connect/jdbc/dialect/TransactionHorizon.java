package dev.spillway.connect.jdbc.dialect;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The instant before which every row is final: no transaction still in flight can commit a row whose timestamp,
 * or whose sequence value's allocation, lies before it. From the database's own view of its open transactions
 * where the dialect has one and the user may see it, otherwise (mode {@code auto}, with a warning) the database
 * clock minus a configured delay, which is a guess like any delay.
 *
 * <p>Must be read before the data query it bounds, on its own statement: a transaction that commits between the
 * two is then visible to the data query, and every one still open is in the sample.
 */
public final class TransactionHorizon {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionHorizon.class);

    /** How the horizon is found. */
    public enum Mode {
        AUTO, DATABASE, DELAY;

        public static Mode parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    private final Dialect dialect;
    private final Mode mode;
    private final Duration delay;
    private Boolean useDatabase;
    private int unknownInARow;

    public TransactionHorizon(Dialect dialect, Mode mode, Duration delay) {
        this.dialect = dialect;
        this.mode = mode;
        this.delay = delay;
    }

    /** The horizon, or null if the database cannot tell right now: then read nothing new this time. */
    public Instant safeBefore(Connection connection) throws SQLException {
        if (useDatabase == null) {
            useDatabase = decide(connection);
        }
        if (useDatabase) {
            HorizonSample sample = dialect.sampleHorizon(connection);
            if (sample == null) {
                if (++unknownInARow % 20 == 0) {
                    LOG.warn("The {} transaction horizon could not be read {} times in a row (is something"
                        + " polling information_schema.INNODB_TRX more often than every 100 ms?); incremental"
                        + " reads wait until it can", dialect.name(), unknownInARow);
                }
                return null;
            }
            unknownInARow = 0;
            return sample.safeBefore();
        }
        return dialect.now(connection).minus(delay);
    }

    /** True once decided that the database's view is used; null before the first sample. */
    public Boolean usesDatabase() {
        return useDatabase;
    }

    private boolean decide(Connection connection) throws SQLException {
        if (mode == Mode.DELAY) {
            LOG.info("horizon.mode=delay: rows count as final {} ms after their timestamp or sequence value",
                delay.toMillis());
            return false;
        }
        Optional<String> reason = dialect.horizonUnavailableReason(connection);
        if (reason.isEmpty()) {
            LOG.info("Bounding incremental reads by the {} transaction horizon", dialect.name());
            return true;
        }
        if (mode == Mode.DATABASE) {
            throw new ConnectException("horizon.mode=database but " + reason.get()
                + ". Grant it, or set horizon.mode=auto or delay to rely on horizon.delay.ms instead.");
        }
        LOG.warn("Cannot see in-flight transactions: {}. Falling back to horizon.delay.ms={}: a transaction that"
            + " stays open longer than that can commit rows this connector never reads. Grant the privilege to"
            + " make late commits safe.", reason.get(), delay.toMillis());
        return false;
    }
}
