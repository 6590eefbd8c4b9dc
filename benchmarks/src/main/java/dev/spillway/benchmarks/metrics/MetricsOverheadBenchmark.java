package dev.spillway.benchmarks.metrics;

import dev.spillway.connect.metrics.Counter;
import dev.spillway.connect.metrics.MetricSet;
import dev.spillway.connect.metrics.SpillwayMetrics;
import dev.spillway.connect.metrics.TaskIdentity;
import dev.spillway.connect.smt.metrics.TransformMetrics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the metrics cost on the hot paths: a counter update (the REST task makes three per page: requests, pages,
 * items) and the per-record check a transform makes before its metrics are registered, next to a bare
 * {@link LongAdder} increment (what transforms count with anyway).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsOverheadBenchmark {

    private SpillwayMetrics metrics;
    private Counter counter;
    private TransformMetrics transform;
    private final LongAdder adder = new LongAdder();

    @Setup
    public void setUp() {
        metrics = SpillwayMetrics.forTask(null, "benchmark-task-metrics", new TaskIdentity("bench", "0"));
        MetricSet set = metrics.metricSet(Map.of("endpoint", "items"));
        counter = set.counter("items", "items emitted");
        transform = new TransformMetrics("Benchmark", defined -> defined.gauge("counted-total", "counted",
            adder::sum));
        transform.ensureRegistered();
    }

    @TearDown
    public void tearDown() {
        transform.close();
        metrics.close();
    }

    @Benchmark
    public void counterRecord() {
        counter.add(100);
    }

    @Benchmark
    public void transformCheckAndCount() {
        transform.ensureRegistered();
        adder.increment();
    }

    @Benchmark
    public void bareLongAdder() {
        adder.increment();
    }
}
