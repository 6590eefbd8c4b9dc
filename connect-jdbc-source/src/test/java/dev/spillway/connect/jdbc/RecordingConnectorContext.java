package dev.spillway.connect.jdbc;

import org.apache.kafka.connect.connector.ConnectorContext;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the worker when a test drives the connector directly: keeps what the connector asked for. */
final class RecordingConnectorContext implements ConnectorContext {

    final AtomicInteger reconfigurations = new AtomicInteger();
    final Queue<Exception> errors = new ConcurrentLinkedQueue<>();

    @Override
    public void requestTaskReconfiguration() {
        reconfigurations.incrementAndGet();
    }

    @Override
    public void raiseError(Exception e) {
        errors.add(e);
    }
}
