package dev.spillway.connect.jdbc.dialect;

import dev.spillway.connect.common.config.ConfigChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

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
    public enum Mode implements ConfigChoice {
        AUTO, DATABASE, DELAY;

        public static Mode parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }

        @Override
        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A list of transactions older than this is stale: samples then move further apart. */
    private static final Duration STALE = Duration.ofSeconds(1);
    private static final Duration MAX_SPACING = Duration.ofSeconds(4);
    /** A list this old gets a warning, repeated at most every {@link #WARN_EVERY}. */
    private static final Duration WARN_STALE = Duration.ofSeconds(10);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final Dialect dialect;
    private final Mode mode;
    private final Duration delay;
    private final LongSupplier nanoClock;
    private Boolean useDatabase;
    private int unknownInARow;
    private Instant last;
    private long nextSampleNanos;
    private Duration spacing = Duration.ZERO;
    private Long lastWarnNanos;

    public TransactionHorizon(Dialect dialect, Mode mode, Duration delay) {
        this(dialect, mode, delay, System::nanoTime);
    }

    TransactionHorizon(Dialect dialect, Mode mode, Duration delay, LongSupplier nanoClock) {
        this.dialect = dialect;
        this.mode = mode;
        this.delay = delay;
        this.nanoClock = nanoClock;
        this.nextSampleNanos = nanoClock.getAsLong();
    }

    /**
     * The horizon, or null if the database cannot tell right now: then read nothing new this time. Within the
     * dialect's {@linkplain Dialect#horizonSampleSpacing() sample spacing} the last sample is returned again.
     */
    public Instant safeBefore(Connection connection) throws SQLException {
        if (useDatabase == null) {
            useDatabase = decide(connection);
        }
        if (!useDatabase) {
            return dialect.now(connection).minus(delay);
        }
        long now = nanoClock.getAsLong();
        if (now - nextSampleNanos < 0) {
            return last;
        }
        HorizonSample sample = dialect.sampleHorizon(connection);
        schedule(sample, now);
        if (sample == null) {
            last = null;
            if (++unknownInARow % 20 == 0) {
                LOG.warn("The {} transaction horizon could not be read {} times in a row; incremental reads wait"
                    + " until it can", dialect.name(), unknownInARow);
            }
            return null;
        }
        unknownInARow = 0;
        warnIfStale(sample, now);
        last = sample.safeBefore();
        return last;
    }

    /**
     * Spaces the next sample out, with jitter so that the samplers of one database do not fall into step, and
     * further while the database's list stays stale: on MariaDB/MySQL it is only refreshed once all readers
     * together leave it alone for 100 ms.
     */
    private void schedule(HorizonSample sample, long now) {
        Duration base = dialect.horizonSampleSpacing();
        if (base.isZero()) {
            return;
        }
        boolean stale = sample == null || sample.staleness().compareTo(STALE) > 0;
        if (!stale) {
            spacing = base;
        } else {
            Duration doubled = spacing.multipliedBy(2);
            spacing = doubled.compareTo(base) < 0 ? base : doubled.compareTo(MAX_SPACING) > 0 ? MAX_SPACING : doubled;
        }
        nextSampleNanos = now + (long) (spacing.toNanos() * (0.5 + ThreadLocalRandom.current().nextDouble()));
    }

    private void warnIfStale(HorizonSample sample, long now) {
        if (sample.staleness().compareTo(WARN_STALE) < 0
            || (lastWarnNanos != null && now - lastWarnNanos < WARN_EVERY.toNanos())) {
            return;
        }
        lastWarnNanos = now;
        LOG.warn("The {} list of open transactions is {} s old (MariaDB/MySQL refresh information_schema.INNODB_TRX"
            + " only after 100 ms in which nobody read it: is something else reading it that often?); incremental"
            + " reads lag behind by as much, nothing is lost", dialect.name(), sample.staleness().toSeconds());
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
            throw new HorizonRefusedException(reason.get());
        }
        LOG.warn("Cannot see in-flight transactions: {}. Falling back to horizon.delay.ms={}: a transaction that"
            + " stays open longer than that can commit rows this connector never reads. Grant the privilege to"
            + " make late commits safe.", reason.get(), delay.toMillis());
        return false;
    }
}
