package dev.spillway.connect.common.flow;

import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The records a source task's poll() returned that the worker has not yet acknowledged through {@code commitRecord}. Until its
 * producer's acknowledgement the worker holds each record with its converted bytes, so a task that reads faster
 * than the producer sends fills the worker's heap: up to the producer's {@code buffer.memory} of bytes plus every
 * record's Structs or maps, hundreds of MB that each young collection copies again. poll() therefore reads on only
 * while at most {@link #limit()} records are unacknowledged, which keeps the producer's queue full and the heap
 * small. The task calls {@link #returned} for what poll() returns and {@link #acknowledged} from
 * {@code commitRecord(SourceRecord, RecordMetadata)}, which the worker calls for every record sent, dropped by a
 * transformation, or failed under {@code errors.tolerance=all}.
 *
 * <p>Pacing never decides what is read, only when: if no acknowledgement comes for {@code stall} while the task
 * waits (a broker that is down, a worker that acknowledges records only when a transaction commits), the count
 * starts again from zero and the producer's own buffer bounds memory, as without pacing. With
 * {@code transaction.boundary=interval} or {@code connector} the worker acknowledges records only after a commit
 * that needs poll() to return first, so there is no pacing at all.
 */
public final class InFlightRecords {

    /** Enough records that the producer always has full batches queued behind its request in flight. */
    public static final int MIN_LIMIT = 4000;
    public static final Duration STALL = Duration.ofSeconds(2);
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final int limit;
    private final long stallNanos;
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private final AtomicLong acknowledgements = new AtomicLong();
    /** The poll thread's view of progress while it waits: the acknowledgements seen and when they last moved. */
    private long seenAcknowledgements = -1;
    private long progressAtNanos;

    public InFlightRecords(int limit, Duration stall) {
        this.limit = limit;
        this.stallNanos = stall.toNanos();
    }

    /**
     * Twice the most records one poll returns (at least {@link #MIN_LIMIT}); unlimited where acknowledgements wait
     * for a commit. {@code props} are the task's, which carry the connector's {@code transaction.boundary}.
     */
    public static InFlightRecords forTask(Map<String, String> props, int perPoll) {
        boolean acknowledgedPerRecord = transactionBoundary(props) == TransactionBoundary.POLL;
        int limit = acknowledgedPerRecord ? Math.max(MIN_LIMIT, (int) Math.min(Integer.MAX_VALUE, 2L * perPoll))
            : Integer.MAX_VALUE;
        return new InFlightRecords(limit, STALL);
    }

    /** The connector's boundary as the worker reads it; a value the worker would refuse counts as its default. */
    private static TransactionBoundary transactionBoundary(Map<String, String> props) {
        String value = props.get(SourceTask.TRANSACTION_BOUNDARY_CONFIG);
        try {
            return value == null ? TransactionBoundary.DEFAULT : TransactionBoundary.fromProperty(value);
        } catch (IllegalArgumentException e) {
            return TransactionBoundary.DEFAULT;
        }
    }

    public int limit() {
        return limit;
    }

    public int unacknowledged() {
        return unacknowledged.get();
    }

    /** poll() returned these many records. */
    public void returned(int count) {
        if (limit != Integer.MAX_VALUE) {
            unacknowledged.addAndGet(count);
        }
    }

    /** The worker acknowledged one record (sent, dropped by a transformation, or failed and tolerated). */
    public void acknowledged() {
        if (limit != Integer.MAX_VALUE) {
            unacknowledged.updateAndGet(n -> n > 0 ? n - 1 : 0);
            acknowledgements.incrementAndGet();
        }
    }

    public boolean hasRoom() {
        return unacknowledged.get() <= limit;
    }

    /**
     * Waits up to {@code max} for room, looking every 5 ms, and returns false at once when {@code stopped} says so
     * or the thread is interrupted; true if there is room. Acknowledgements that stop coming for the stall time
     * while records are outstanding end the wait and reset the count.
     */
    public boolean awaitRoom(Duration max, BooleanSupplier stopped) {
        long now = System.nanoTime();
        long end = now + max.toNanos();
        while (!hasRoom()) {
            long acks = acknowledgements.get();
            if (acks != seenAcknowledgements) {
                seenAcknowledgements = acks;
                progressAtNanos = now;
            } else if (now - progressAtNanos >= stallNanos) {
                unacknowledged.set(0);
                return true;
            }
            if (now - end >= 0 || stopped.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return hasRoom();
            }
            LockSupport.parkNanos(Math.min(SLICE_NANOS, end - now));
            now = System.nanoTime();
        }
        return true;
    }
}
