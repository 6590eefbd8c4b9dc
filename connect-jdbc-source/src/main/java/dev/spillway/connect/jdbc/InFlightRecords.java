package dev.spillway.connect.jdbc;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The records poll() returned that the worker has not yet acknowledged through {@code commitRecord}. Until its
 * producer's acknowledgement the worker holds each record with its converted bytes, so a task that reads faster
 * than the producer sends fills the worker's heap: up to the producer's {@code buffer.memory} of bytes plus every
 * record's Structs, hundreds of MB that each young collection copies again. poll() therefore reads on only while
 * at most {@link #limit()} records are unacknowledged, which keeps the producer's queue full and the heap small.
 *
 * <p>Pacing never decides what is read, only when: if no acknowledgement comes for {@code stall} while the task
 * waits (a broker that is down, a worker that acknowledges records only when a transaction commits), the count
 * starts again from zero and the producer's own buffer bounds memory, as without pacing. With
 * {@code transaction.boundary=interval} or {@code connector} the worker acknowledges records only after a commit
 * that needs poll() to return first, so there is no pacing at all.
 */
final class InFlightRecords {

    static final String TRANSACTION_BOUNDARY_CONFIG = "transaction.boundary";
    /** Enough records that the producer always has full batches queued behind its request in flight. */
    static final int MIN_LIMIT = 4000;
    static final Duration STALL = Duration.ofSeconds(2);
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final int limit;
    private final long stallNanos;
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private final AtomicLong acknowledgements = new AtomicLong();
    /** The poll thread's view of progress while it waits: the acknowledgements seen and when they last moved. */
    private long seenAcknowledgements = -1;
    private long progressAtNanos;

    InFlightRecords(int limit, Duration stall) {
        this.limit = limit;
        this.stallNanos = stall.toNanos();
    }

    /** Twice a poll's rows (at least {@link #MIN_LIMIT}); unlimited where acknowledgements wait for a commit. */
    static InFlightRecords forTask(Map<String, String> props, int batchMaxRows) {
        String boundary = props.getOrDefault(TRANSACTION_BOUNDARY_CONFIG, "poll").trim();
        boolean acknowledgedPerRecord = boundary.isEmpty() || boundary.equalsIgnoreCase("poll");
        int limit = acknowledgedPerRecord ? Math.max(MIN_LIMIT, (int) Math.min(Integer.MAX_VALUE, 2L * batchMaxRows))
            : Integer.MAX_VALUE;
        return new InFlightRecords(limit, STALL);
    }

    int limit() {
        return limit;
    }

    int unacknowledged() {
        return unacknowledged.get();
    }

    /** poll() returned these many records. */
    void returned(int count) {
        if (limit != Integer.MAX_VALUE) {
            unacknowledged.addAndGet(count);
        }
    }

    /** The worker acknowledged one record (sent, dropped by a transformation, or failed and tolerated). */
    void acknowledged() {
        if (limit != Integer.MAX_VALUE) {
            unacknowledged.updateAndGet(n -> n > 0 ? n - 1 : 0);
            acknowledgements.incrementAndGet();
        }
    }

    boolean hasRoom() {
        return unacknowledged.get() <= limit;
    }

    /**
     * Waits up to {@code max} (or until {@code stopped}) for room; true if there is room. Acknowledgements that
     * stop coming for the stall time while records are outstanding end the wait and reset the count.
     */
    boolean awaitRoom(Duration max, CountDownLatch stopped) throws InterruptedException {
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
            if (now - end >= 0 || stopped.await(Math.min(SLICE_NANOS, end - now), TimeUnit.NANOSECONDS)) {
                return hasRoom();
            }
            now = System.nanoTime();
        }
        return true;
    }
}
