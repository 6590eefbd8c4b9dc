package dev.spillway.benchmarks.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cases timed in the CPU time of the measuring thread rather than wall time, for a loaded machine where wall-clock
 * error bars swamp the differences: a descheduled thread loses wall time but not CPU time. Rounds of the cases
 * alternate, so that all meet the same conditions; the first half as many rounds again warm up the JIT.
 */
public final class CpuRounds {

    /** One case: performs {@code operations} operations and returns a sum to report per operation (bytes, say). */
    @FunctionalInterface
    public interface Case {
        long run(int operations) throws Exception;
    }

    /** The median CPU nanoseconds per operation over the measured rounds, and the case's sum per operation. */
    public record Result(double nanosPerOperation, double valuePerOperation) {
    }

    private CpuRounds() {
    }

    /** Each case's result, in the order of {@code cases}. */
    public static Map<String, Result> run(int rounds, int operations, Map<String, Case> cases) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        cases.keySet().forEach(name -> nanos.put(name, new ArrayList<>()));
        for (int round = -rounds / 2; round < rounds; round++) {
            for (Map.Entry<String, Case> c : cases.entrySet()) {
                long start = threads.getCurrentThreadCpuTime();
                long value = c.getValue().run(operations);
                long used = threads.getCurrentThreadCpuTime() - start;
                if (round >= 0) {
                    nanos.get(c.getKey()).add(used / (double) operations);
                    values.put(c.getKey(), value / (double) operations);
                }
            }
        }
        Map<String, Result> results = new LinkedHashMap<>();
        for (String name : cases.keySet()) {
            results.put(name, new Result(median(nanos.get(name)), values.get(name)));
        }
        return results;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
