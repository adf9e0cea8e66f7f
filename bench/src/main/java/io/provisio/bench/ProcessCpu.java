package io.provisio.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** CPU seconds and memory of processes, read from /proc (Linux). */
final class ProcessCpu {

    /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** user + system CPU seconds of each process so far; a vanished process reads as -1. */
    static Map<String, Double> cpuSeconds(Map<String, Long> pids) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, cpuSeconds(pid)));
        return seconds;
    }

    static double cpuSeconds(long pid) {
        try {
            return statSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU seconds so far of each of a JVM's JIT compiler threads ({@code C1 CompilerThread0}, {@code C2 ...}),
     * by thread id; empty for a process that is no JVM or is gone. The JVM starts and ends compiler threads as
     * its compile queue grows and shrinks, and a thread's CPU leaves this view when it ends, so a difference of
     * two readings is a lower bound.
     */
    static Map<Long, Double> compilerThreadSeconds(long pid) {
        Map<Long, Double> seconds = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    // The kernel keeps 15 characters of a thread's name: "C2 CompilerThre".
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        seconds.put(Long.parseLong(task.getFileName().toString()), statSeconds(stat));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return seconds;
    }

    /** CPU seconds the JIT compiler threads spent between two readings of {@link #compilerThreadSeconds}. */
    static double compilerSecondsBetween(Map<Long, Double> before, Map<Long, Double> after) {
        return after.entrySet().stream().mapToDouble(t -> t.getValue() - before.getOrDefault(t.getKey(), 0.0)).sum();
    }

    private static double statSeconds(String stat) {
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after "pid (comm) ".
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** Resident set size and its peak (VmRSS, VmHWM) in MiB. */
    static long[] memoryMiB(long pid) {
        long rss = -1;
        long peak = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line) / 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line) / 1024;
                }
            }
        } catch (IOException e) {
            // gone
        }
        return new long[] {rss, peak};
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
