package io.github.llmtest.internal.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The run report's benchmark: the time to write report.json, report.md and report.html for 1,000 and 10,000 calls
 * (a dataset of cases on five models, two samples each), their sizes, and the heap the writing needs, shown by
 * writing the 10,000-call report in a JVM whose heap could not hold report.json as one string.
 */
public final class ReportBenchmark {

    private static final int RUNS = 5;
    /** The heap of the JVM that writes the 10,000-call report: less than report.json's text as a string. */
    static final int SMALL_HEAP_MB = 48;

    private ReportBenchmark() {
    }

    /**
     * Adds the report's section to {@code report} and its verdicts.
     *
     * @param report  the benchmark report being written
     * @param verdict met or not, and the sentence
     * @throws Exception when writing fails
     */
    public static void run(StringBuilder report, BiConsumer<Boolean, String> verdict) throws Exception {
        report.append("\n## Run report\n\nWriting report.json, report.md and report.html at the end of a run (a "
                + "dataset's cases on five models, two samples each, 70% replayed; median of " + RUNS + " runs after "
                + "warm-up). The time is the wall-clock time; the CPU time is the whole JVM's during the write (report.json is "
                + "written on a thread of its own beside the other two), which other work on a shared machine does not "
                + "inflate.\n\n| calls | time | CPU time | report.json | report.md | report.html |\n"
                + "|---:|---:|---:|---:|---:|---:|\n");
        Path dir = Files.createTempDirectory("llmtest-report-bench");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Cold cold = cold(dir.resolve("cold"));
        double tenThousandMs = 0;
        double tenThousandCpuMs = 0;
        long html = 0;
        long md = 0;
        for (int calls : new int[] {1_000, 10_000}) {
            List<ReportedTest> tests = LargeRun.tests(calls);
            for (int warm = 0; warm < 3; warm++) {
                Reports.write(dir, tests);
            }
            long[] times = new long[RUNS];
            long[] cpu = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long cpuStarted = os.getProcessCpuTime();
                long started = System.nanoTime();
                Reports.write(dir, tests);
                times[i] = System.nanoTime() - started;
                cpu[i] = os.getProcessCpuTime() - cpuStarted;
            }
            Arrays.sort(times);
            Arrays.sort(cpu);
            double ms = times[RUNS / 2] / 1e6;
            double cpuMs = cpu[RUNS / 2] / 1e6;
            html = Files.size(dir.resolve("report.html"));
            md = Files.readString(dir.resolve("report.md")).length();
            report.append(String.format(Locale.ROOT, "| %,d | %.0f ms | %.0f ms | %,d KB | %,d characters | %,d KB |%n",
                    calls, ms, cpuMs, Files.size(dir.resolve("report.json")) / 1024, md, html / 1024));
            tenThousandMs = ms;
            tenThousandCpuMs = cpuMs;
        }
        report.append(String.format(Locale.ROOT, "%nThe first write in a new JVM, as at the end of a real run (10,000 "
                + "calls; a new JVM forked for each of %d measurements, the run built first and the writers warmed "
                + "up as the listener does once a run passes %,d calls and each test's calls written ahead as it "
                + "finishes, then the three files written once): median "
                + "wall-clock %.0f ms (runs: %s ms); CPU time of the whole JVM (user + sys of every thread: the "
                + "writing threads, the JIT's compiler threads, the garbage collector) %.0f ms, of which the thread "
                + "that writes report.md and report.html %.0f ms (report.json is written on a thread of its own); "
                + "during the run the warm-up took %.0f ms of CPU and writing the calls ahead %.0f ms. A machine "
                + "shared with other work inflates the wall-clock time. Load average while it ran: %s.%n",
                COLD_RUNS, ReportWarmUp.CALLS, cold.wallMs, cold.runs, cold.processCpuMs, cold.threadCpuMs,
                cold.warmUpMs, cold.spoolMs, loadAverage()));
        verdict.accept(tenThousandCpuMs < 1000, String.format(Locale.ROOT, "the run report of 10,000 calls written "
                + "in under 1 s of CPU, warm: %.0f ms CPU (wall-clock %.0f ms)", tenThousandCpuMs, tenThousandMs));
        verdict.accept(cold.wallMs < 1000, String.format(Locale.ROOT, "the run report of 10,000 calls "
                + "written in under 1 s as the first write in a new JVM: wall-clock %.0f ms (%.0f ms CPU of the "
                + "whole JVM)", cold.wallMs, cold.processCpuMs));
        verdict.accept(html <= HtmlReport.MAX_BYTES && md <= Reports.MD_MAX, String.format(Locale.ROOT,
                "report.html at most 2,000,000 bytes and report.md at most 65,536 characters at 10,000 calls: "
                        + "%,d bytes and %,d characters", html, md));
        long json = Files.size(dir.resolve("report.json"));
        boolean bounded = writesInSmallHeap(dir.resolve("small-heap"));
        report.append(String.format(Locale.ROOT, "%nMemory: a new JVM with `-Xmx%dm` builds the 10,000-call run "
                + "and writes its three files (report.json alone is %,d KB, %s as one Java string): %s.%n",
                SMALL_HEAP_MB, json / 1024, json * 2 > SMALL_HEAP_MB * 1024L * 1024 ? "more than that heap"
                        : "less than that heap", bounded ? "it succeeds" : "it FAILED"));
        verdict.accept(bounded && json > SMALL_HEAP_MB * 1024L * 1024 / 2, String.format(Locale.ROOT,
                "the report is streamed, its memory bounded: 10,000 calls written in a %d MB heap, report.json "
                        + "%,d KB", SMALL_HEAP_MB, json / 1024));
    }

    /** Forked JVMs of the first-write measurement. */
    static final int COLD_RUNS = 5;

    /** Medians of the first write in new JVMs. */
    record Cold(double processCpuMs, double threadCpuMs, double wallMs, double warmUpMs, double spoolMs,
                String runs) {
    }

    /** Forks {@link #COLD_RUNS} JVMs, each writing the 10,000-call report once ({@link #main} with {@code cold}). */
    private static Cold cold(Path dir) throws IOException, InterruptedException {
        List<double[]> runs = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ReportBenchmark.class.getName(), "cold",
                    dir.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0 || !output.contains("cold ")) {
                throw new IOException("the first-write JVM failed: " + output);
            }
            String[] figures = output.substring(output.indexOf("cold ") + 5).strip().split(" ");
            runs.add(new double[] {Double.parseDouble(figures[0]), Double.parseDouble(figures[1]),
                    Double.parseDouble(figures[2]), Double.parseDouble(figures[3]), Double.parseDouble(figures[4])});
        }
        double[] process = runs.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] thread = runs.stream().mapToDouble(r -> r[1]).sorted().toArray();
        double[] wall = runs.stream().mapToDouble(r -> r[2]).sorted().toArray();
        double[] warmUp = runs.stream().mapToDouble(r -> r[3]).sorted().toArray();
        double[] spooled = runs.stream().mapToDouble(r -> r[4]).sorted().toArray();
        StringBuilder each = new StringBuilder();
        runs.forEach(r -> each.append(each.isEmpty() ? "" : ", ").append(Math.round(r[2])));
        return new Cold(process[COLD_RUNS / 2], thread[COLD_RUNS / 2], wall[COLD_RUNS / 2], warmUp[COLD_RUNS / 2],
                spooled[COLD_RUNS / 2], each.toString());
    }

    /**
     * In a new JVM: builds the run; unless {@code warm} is false, warms the writers up and writes each test's calls
     * ahead as the listener does during a run of that size; writes the report once; prints "cold", the CPU and wall
     * times of the write in ms, then the whole JVM's CPU time of the warm-up and of writing the calls ahead.
     */
    private static void firstWrite(Path dir, boolean warm) throws IOException, InterruptedException {
        List<ReportedTest> tests = LargeRun.tests(10_000);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmUpCpu = os.getProcessCpuTime();
        if (warm) {
            warmUp(tests);
        }
        long spoolCpu = os.getProcessCpuTime();
        warmUpCpu = spoolCpu - warmUpCpu;
        CallsSpool spool = null;
        if (warm) { // as the listener does when each test finishes, once the run has made ReportWarmUp.CALLS calls
            spool = CallsSpool.open(dir);
            int calls = 0;
            for (ReportedTest t : tests) {
                calls += t.calls.size();
                if (calls >= ReportWarmUp.CALLS) {
                    spool.add(t);
                }
            }
        }
        spoolCpu = os.getProcessCpuTime() - spoolCpu;
        if (warm) {
            jitSettled();
        }
        long processCpu = os.getProcessCpuTime();
        long threadCpu = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        Reports.write(dir, tests, null, spool);
        long wall = System.nanoTime() - started;
        if (spool != null) {
            spool.close();
        }
        System.out.printf(Locale.ROOT, "cold %.1f %.1f %.1f %.1f %.1f%n", (os.getProcessCpuTime() - processCpu) / 1e6,
                (threads.getCurrentThreadCpuTime() - threadCpu) / 1e6, wall / 1e6, warmUpCpu / 1e6, spoolCpu / 1e6);
    }

    /**
     * Waits (at most 5 s) until the JIT has compiled nothing for 300 ms: in a real run the calls are written ahead
     * over the whole run, test after test, so the JIT has long compiled that code when the run ends; here they are
     * all written just before the report, and the compilations they set off would otherwise be counted as the
     * report's.
     */
    private static void jitSettled() throws InterruptedException {
        var jit = ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long compiled = jit.getTotalCompilationTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            long now = jit.getTotalCompilationTime();
            if (now == compiled) {
                return;
            }
            compiled = now;
        }
    }

    /**
     * What {@link LlmReportListener} does when a run reaches {@link ReportWarmUp#CALLS} calls: the warm-up over the
     * tests so far, waited for, as the rest of a run of 10,000 calls outlasts it.
     */
    static void warmUp(List<ReportedTest> tests) throws InterruptedException {
        List<ReportedTest> soFar = new ArrayList<>();
        int calls = 0;
        for (ReportedTest t : tests) {
            if (calls >= ReportWarmUp.CALLS) {
                break;
            }
            soFar.add(t.copy());
            calls += t.calls.size();
        }
        ReportWarmUp warmUp = new ReportWarmUp();
        warmUp.start(soFar);
        warmUp.await();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2] + " (1, 5, 15 minutes) on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Writes the 10,000-call report in a JVM with a small heap; true when that worked. */
    private static boolean writesInSmallHeap(Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + SMALL_HEAP_MB + "m", "-cp", System.getProperty("java.class.path"),
                ReportBenchmark.class.getName(), dir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0 && Files.size(dir.resolve("report.json")) > 0
                && Files.size(dir.resolve("report.html")) > 0;
    }

    /**
     * The forked JVMs: {@code cold <dir>} measures the first write ({@link #firstWrite}); {@code <dir>} alone is the
     * small-heap JVM, which writes the 10,000-call report.
     *
     * @param args the directory, after {@code cold} for the first-write measurement (and {@code unwarmed} after it
     *             for the first write without the warm-up and the calls written ahead that a long run makes)
     * @throws IOException          when writing fails
     * @throws InterruptedException when the warm-up is interrupted
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args[0].equals("cold")) {
            firstWrite(Path.of(args[1]), args.length < 3 || !args[2].equals("unwarmed"));
            return;
        }
        Reports.write(Path.of(args[0]), LargeRun.tests(10_000));
    }
}
