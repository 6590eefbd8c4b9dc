package dev.spillway.connect.metrics;

import org.apache.kafka.common.metrics.Sensor;

/** Counts events into a total and a rate; thread-safe. */
public final class Counter {

    private final Sensor sensor;

    Counter(Sensor sensor) {
        this.sensor = sensor;
    }

    public void increment() {
        sensor.record(1);
    }

    public void add(double amount) {
        sensor.record(amount);
    }
}
