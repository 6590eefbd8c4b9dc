package dev.spillway.benchmarks.smt;

import dev.spillway.benchmarks.cpu.CpuRounds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link MaskBenchmark}'s Mask and MaskField cases timed in CPU time of the measuring thread ({@link CpuRounds})
 * rather than wall time, for a loaded machine where JMH's wall-clock error bars swamp the differences.
 *
 * <p>Usage: {@code MaskCpuTime [rounds] [records per round]}; prints the median CPU nanoseconds per record of each
 * case, and the ratio of Mask to MaskField.
 */
public final class MaskCpuTime {

    private MaskCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Blackhole blackhole = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (String format : List.of("struct", "map", "hashmap")) {
            for (int width : List.of(10, 50)) {
                MaskBenchmark benchmark = new MaskBenchmark();
                benchmark.format = format;
                benchmark.width = width;
                benchmark.setUp();
                Map<String, Consumer<Blackhole>> cases = new LinkedHashMap<>();
                cases.put("replace: Mask", bh -> bh.consume(benchmark.spillwayMaskReplaceFlat()));
                cases.put("replace: MaskField", bh -> bh.consume(benchmark.kafkaMaskFieldReplaceFlat()));
                cases.put("replace+read: Mask", benchmark::spillwayMaskReplaceFlatAndRead);
                cases.put("replace+read: MaskField", benchmark::kafkaMaskFieldReplaceFlatAndRead);
                cases.put("nested: Mask", bh -> bh.consume(benchmark.spillwayMaskReplaceNested()));
                cases.put("hmac: Mask", bh -> bh.consume(benchmark.spillwayMaskHmacFlat()));
                Map<String, CpuRounds.Case> timed = new LinkedHashMap<>();
                cases.forEach((name, c) -> timed.put(name, operations -> {
                    for (int i = 0; i < operations; i++) {
                        c.accept(blackhole);
                    }
                    return 0;
                }));
                Map<String, CpuRounds.Result> results = CpuRounds.run(rounds, records, timed);
                benchmark.tearDown();
                double[] medians = results.values().stream().mapToDouble(CpuRounds.Result::nanosPerOperation).toArray();
                System.out.printf("%-7s %2d  replace: Mask %5.0f  MaskField %5.0f (%.2f)  "
                        + "replace+read: Mask %5.0f  MaskField %5.0f (%.2f)  nested %5.0f  hmac %5.0f"
                        + "  ns CPU per record%n",
                    format, width, medians[0], medians[1], medians[0] / medians[1], medians[2], medians[3],
                    medians[2] / medians[3], medians[4], medians[5]);
            }
        }
        blackhole.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }
}
