package dev.spillway.connect.jdbc.metrics;

import dev.spillway.connect.metrics.Counter;
import dev.spillway.connect.metrics.MetricSet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * The metrics of one table (or the custom query) of a task. Metric names are listed in {@code docs/operations.md}.
 * Updated by the task's poll thread, read by JMX or the worker's reporters.
 */
public final class PartitionMetrics {

    private static final long UNKNOWN = Long.MIN_VALUE;

    private final Clock clock = Clock.systemUTC();
    private final Counter rows;
    private final Counter queries;
    private final Counter queryTime;
    private final Counter horizonWait;
    private final Counter retries;
    private final LongAdder queryCount = new LongAdder();
    private final LongAdder queryNanos = new LongAdder();
    private volatile long readUpToMillis = UNKNOWN;

    PartitionMetrics(MetricSet set, boolean timestampMode) {
        rows = set.counter("rows", "rows emitted as records");
        queries = set.counter("queries", "queries run to read rows (probes and horizon checks excluded)");
        queryTime = set.total("query-time-ms-total", "Milliseconds spent executing queries, until the first rows");
        set.gauge("query-time-avg-ms", "Average milliseconds a query took, until its first rows; NaN before one",
            this::averageQueryMillis);
        horizonWait = set.total("horizon-wait-ms-total",
            "Milliseconds the reader was held back because an open transaction kept the horizon behind");
        retries = set.total("retries-total", "Retries after a transient database error");
        if (timestampMode) {
            set.gauge("lag-ms", "Now minus the source timestamp read up to; NaN before the first read",
                () -> readUpToMillis == UNKNOWN ? Double.NaN : clock.millis() - readUpToMillis);
        }
    }

    private double averageQueryMillis() {
        long count = queryCount.sum();
        return count == 0 ? Double.NaN : queryNanos.sum() / 1e6 / count;
    }

    public void queryRun(long nanos) {
        queries.increment();
        queryTime.add(nanos / 1e6);
        queryCount.increment();
        queryNanos.add(nanos);
    }

    public void rowsEmitted(int count) {
        if (count > 0) {
            rows.add(count);
        }
    }

    public void heldBackByHorizon(Duration wait) {
        horizonWait.add(wait.toMillis());
    }

    public void retrying() {
        retries.increment();
    }

    /** Every row up to this source timestamp was read (the newest emitted, or the horizon of an empty read). */
    public void readUpTo(Instant timestamp) {
        // PostgreSQL's -infinity and infinity arrive as Instant.MIN/MAX, beyond a long of milliseconds.
        readUpToMillis = timestamp.isBefore(Instant.EPOCH.minusMillis(Long.MAX_VALUE)) ? Long.MIN_VALUE
            : timestamp.isAfter(Instant.EPOCH.plusMillis(Long.MAX_VALUE)) ? Long.MAX_VALUE : timestamp.toEpochMilli();
    }
}
