package io.github.llmtest.internal.report;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Warms up the run report's writers once, in the background, when a run has made {@link #CALLS} calls: it writes
 * the report of the calls made so far and throws it away ({@link Reports#warmUp}). A run that long ends with a
 * report of thousands of calls, and in a new JVM most of the time of that first write goes to loading the
 * writers' classes and to the JIT compiling them while the writing thread runs them interpreted; done during the
 * run, on a thread of its own, that work no longer holds up the run's end. A shorter run pays nothing.
 *
 * <p>It never writes a file, never prints, and a failure of its own is ignored: the report written at the end is
 * the one that counts, and it is the same with or without the warm-up.
 */
final class ReportWarmUp {

    /** The calls after which the writers are warmed up: fewer, and the report is written quickly cold. */
    static final int CALLS = 2_000;

    /** The calls from which finished tests' calls are written ahead; fewer only in tests of the spool. */
    static volatile int spoolFrom = CALLS;

    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean stopped;
    private volatile Thread thread;

    /**
     * Counts a call; the {@link #CALLS}th starts the warm-up over the tests {@code soFar} returns.
     *
     * @param soFar a copy of the run's tests as they stand, taken only when the warm-up starts
     */
    void called(Supplier<List<ReportedTest>> soFar) {
        if (calls.incrementAndGet() == CALLS) {
            start(soFar.get());
        }
    }

    /** Starts warming up the writers over {@code tests}, which no one else changes, on a daemon thread. */
    void start(List<ReportedTest> tests) {
        Thread warming = new Thread(() -> {
            try {
                Reports.warmUp(tests, () -> stopped);
            } catch (java.io.IOException | RuntimeException e) {
                // only a warm-up: the report written at the end says what is wrong, if anything is
            }
        }, "llmtest-report-warm-up");
        warming.setDaemon(true);
        warming.setPriority(Thread.MIN_PRIORITY);
        thread = warming;
        warming.start();
    }

    /**
     * Whether the run has made {@link #CALLS} calls (or {@code from}, when a test asks for fewer): from then on the
     * listener writes each finished test's calls ahead ({@link CallsSpool}). A shorter run keeps them in memory and
     * writes them at its end, cold and quickly, so that its tests pay nothing per call for a report they hardly need
     * written ahead.
     */
    boolean reached() {
        return calls.get() >= spoolFrom;
    }

    /** Stops the warm-up at its next chunk if it still runs: the run is over and its report is due. */
    void stop() {
        stopped = true;
    }

    /**
     * Waits for the warm-up to end, for tests and the benchmark.
     *
     * @return whether one ran
     */
    boolean await() throws InterruptedException {
        Thread warming = thread;
        if (warming == null) {
            return false;
        }
        warming.join();
        return true;
    }
}
