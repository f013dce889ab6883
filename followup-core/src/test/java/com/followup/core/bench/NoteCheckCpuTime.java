package com.followup.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The CPU time of one note check, per check, for a machine too busy for JMH's wall-clock percentiles to mean
 * anything: while other builds hold both cores, a check's wall time is mostly time spent waiting for one. The
 * thread's CPU time counts only the time the check ran. Same drafts as {@link NoteCheckBenchmark}.
 *
 * <p>Run: {@code java -cp <test class path> com.followup.core.bench.NoteCheckCpuTime [checks]}
 */
public final class NoteCheckCpuTime {
    private NoteCheckCpuTime() {}

    public static void main(String[] args) {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        NoteCheckBenchmark benchmark = new NoteCheckBenchmark();
        benchmark.setUp();
        for (String name : new String[] {"typing", "freshTypos"}) {
            boolean typing = name.equals("typing");
            for (int warmUp = 0; warmUp < checks / 2; warmUp++) {
                run(benchmark, typing);
            }
            long[] nanos = new long[checks];
            for (int check = 0; check < checks; check++) {
                long start = threads.getCurrentThreadCpuTime();
                run(benchmark, typing);
                nanos[check] = threads.getCurrentThreadCpuTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(
                    Locale.ROOT,
                    "%-10s checks %d  CPU time per check: p50 %.0f us  p90 %.0f us  p99 %.0f us  p99.9 %.0f us  max %.0f us%n",
                    name,
                    checks,
                    nanos[checks / 2] / 1e3,
                    nanos[(int) (checks * 0.9)] / 1e3,
                    nanos[(int) (checks * 0.99)] / 1e3,
                    nanos[(int) (checks * 0.999)] / 1e3,
                    nanos[checks - 1] / 1e3);
        }
    }

    private static Object run(NoteCheckBenchmark benchmark, boolean typing) {
        return typing ? benchmark.typing() : benchmark.freshTypos();
    }
}
