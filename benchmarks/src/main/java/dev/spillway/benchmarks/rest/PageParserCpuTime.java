package dev.spillway.benchmarks.rest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link PageParserBenchmark}'s workloads timed in CPU time of the measuring thread rather than wall time: on a
 * shared, loaded machine a thread that is descheduled loses wall time but not CPU time, so the medians of many
 * short rounds stay comparable between builds when JMH's wall-clock figures do not.
 *
 * <p>Usage: {@code PageParserCpuTime [rounds] [pages per round]}; prints the median CPU microseconds per page for
 * each workload and layout.
 */
public final class PageParserCpuTime {

    private PageParserCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Blackhole blackhole = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (String layout : List.of("compact", "pretty")) {
            PageParserBenchmark benchmark = new PageParserBenchmark();
            benchmark.layout = layout;
            benchmark.setUp();
            for (String workload : List.of("jsonString", "schemaless", "tokenizeOnly")) {
                List<Double> perPage = new ArrayList<>();
                for (int round = -rounds / 3; round < rounds; round++) {
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < pages; i++) {
                        switch (workload) {
                            case "jsonString" -> benchmark.jsonString(blackhole);
                            case "schemaless" -> benchmark.schemaless(blackhole);
                            default -> blackhole.consume(benchmark.tokenizeOnly());
                        }
                    }
                    if (round >= 0) {
                        // Rounds below zero are warm-up.
                        perPage.add((threads.getCurrentThreadCpuTime() - start) / 1_000.0 / pages);
                    }
                }
                Collections.sort(perPage);
                System.out.printf("%-12s %-8s median %7.1f us CPU per page of 100 items (min %.1f, max %.1f)%n",
                    workload, layout, perPage.get(perPage.size() / 2), perPage.get(0),
                    perPage.get(perPage.size() - 1));
            }
        }
        blackhole.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }
}
