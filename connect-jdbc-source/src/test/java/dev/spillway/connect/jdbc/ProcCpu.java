package dev.spillway.connect.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** CPU time of processes, their threads and the whole machine, read from Linux's /proc, for the benchmarks. */
final class ProcCpu {

    private ProcCpu() {
    }

    /** USER_HZ of Linux's /proc/<pid>/stat, 100 on every mainstream kernel build. */
    static final int TICKS_PER_SECOND = 100;

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
    static long cpuTicks(long pid) throws Exception {
        return cpuTicksOf(Path.of("/proc/" + pid + "/stat"));
    }

    /** utime + stime of each live thread of a process, in clock ticks, by thread id. */
    static Map<Long, Long> threadTicks(long pid) throws Exception {
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    ticks.put(Long.parseLong(thread.getFileName().toString()), cpuTicksOf(thread.resolve("stat")));
                } catch (java.io.IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return ticks;
    }

    /**
     * Where a run's worker CPU went, per million rows: the task thread, the producer's I/O threads, the serial
     * collector (it runs in the VM thread), the JIT compilers, the rest, and threads that ended during the run.
     */
    static String threadShares(long pid, Map<Long, Long> before, long totalTicks, int rows) throws Exception {
        Map<String, Long> byGroup = new java.util.TreeMap<>();
        long seen = 0;
        for (Map.Entry<Long, Long> thread : threadTicks(pid).entrySet()) {
            long delta = thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            try {
                String comm = Files.readString(Path.of("/proc/" + pid + "/task/" + thread.getKey() + "/comm"));
                byGroup.merge(threadGroup(comm.trim()), delta, Long::sum);
                seen += delta;
            } catch (java.io.IOException gone) {
                // ended since its ticks were read: counted with the ended threads
            }
        }
        byGroup.put("ended", Math.max(0, totalTicks - seen));
        StringBuilder out = new StringBuilder();
        byGroup.forEach((group, ticks) -> out.append(String.format("%s %.2f  ", group,
            ticks / (double) TICKS_PER_SECOND * 1_000_000 / rows)));
        return out.toString().trim();
    }

    /** A worker thread's group by its name (Linux cuts names to 15 characters). */
    private static String threadGroup(String comm) {
        if (comm.startsWith("task-thread-")) {
            return "task";
        }
        if (comm.startsWith("kafka-producer-")) {
            return "producer-io";
        }
        // The serial collector runs in the VM thread; G1 in its own threads.
        if (comm.equals("VM Thread") || comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "gc";
        }
        return comm.startsWith("C1 ") || comm.startsWith("C2 ") ? "jit" : "other";
    }

    private static long cpuTicksOf(Path stat) throws java.io.IOException {
        String[] fields = statFields(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The fields of a /proc stat file after the command name (which may hold spaces), from field 3 on. */
    private static String[] statFields(Path stat) throws java.io.IOException {
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * CPU ticks of the whole machine ({@code /proc/stat}: user, nice, system, irq, softirq, steal) and of the local
     * database server's processes ({@code mariadbd}; every {@code postgres} process, with the backends that ended
     * counted in their parent's cutime and cstime), so that a run shows what the database and everything else
     * on the box spent per row beside the worker. A database on another machine shows as 0.
     */
    record HostCpu(long box, long server) {

        static HostCpu now(TestDatabase db) throws java.io.IOException {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long box = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                box += Long.parseLong(cpu[i]);
            }
            long server = 0;
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : (Iterable<Path>) processes::iterator) {
                    if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String comm = Files.readString(process.resolve("comm")).trim();
                        boolean isServer = db == TestDatabase.POSTGRES ? comm.equals("postgres")
                            : comm.equals("mariadbd") || comm.equals("mysqld");
                        if (isServer) {
                            String[] fields = statFields(process.resolve("stat"));
                            server += Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                                + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                        }
                    } catch (java.io.IOException gone) {
                        // ended between the listing and the read
                    }
                }
            }
            return new HostCpu(box, server);
        }

        HostCpu minus(HostCpu start) {
            return new HostCpu(box - start.box, server - start.server);
        }

        /** Ticks per row as CPU seconds per million rows. */
        static String perMillion(double boxTicksPerRow, double serverTicksPerRow) {
            return String.format("database server CPU %.2f, whole machine %.2f s per million rows",
                serverTicksPerRow / TICKS_PER_SECOND * 1_000_000, boxTicksPerRow / TICKS_PER_SECOND * 1_000_000);
        }
    }
}
