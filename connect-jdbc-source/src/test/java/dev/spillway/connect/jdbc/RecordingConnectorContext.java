package dev.spillway.connect.jdbc;

import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the worker when a test drives the connector directly: keeps what the connector asked for, and
 * answers offset lookups from {@link #offsets} (none stored unless a test adds them).
 */
final class RecordingConnectorContext implements SourceConnectorContext {

    final AtomicInteger reconfigurations = new AtomicInteger();
    final Queue<Exception> errors = new ConcurrentLinkedQueue<>();
    final StoredOffsetsFake offsets = new StoredOffsetsFake();

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return offsets;
    }

    @Override
    public void requestTaskReconfiguration() {
        reconfigurations.incrementAndGet();
    }

    @Override
    public void raiseError(Exception e) {
        errors.add(e);
    }
}
