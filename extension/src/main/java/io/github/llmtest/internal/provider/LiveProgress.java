package io.github.llmtest.internal.provider;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The progress line of a live run: at most one every {@link #INTERVAL}, written when a call ends (so never during a
 * replay, which makes no call to a server, and never for a run shorter than the interval), through
 * {@code java.util.logging} at INFO like the library's other lines:
 *
 * <pre>
 * llmtest: live calls: 412 done, 32 in flight, 1 failed, 7 retried; limit now: ollama http://localhost:11434 4 of 4;
 * 1m05s elapsed, about 2m10s left
 * </pre>
 *
 * The time left is estimated only from calls announced ahead ({@link ConcurrencyLimits#expect}: a dataset's cases).
 * Thread-safe.
 */
final class LiveProgress {

    /** The least time between two progress lines. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");

    private final long interval;
    private final LongSupplier clock;
    private long started = Long.MIN_VALUE;
    private long last;
    private long expected;

    /**
     * @param interval the least time between two lines
     * @param clock    nanoseconds, such as {@link System#nanoTime()}
     */
    LiveProgress(Duration interval, LongSupplier clock) {
        this.interval = interval.toNanos();
        this.clock = clock;
    }

    synchronized void expect(int calls) {
        expected += calls;
    }

    /** A call ended: writes the line when the interval has passed since the last one (or the first call). */
    void tick(List<AdaptiveLimit> limits) {
        String line;
        synchronized (this) {
            long now = clock.getAsLong();
            if (started == Long.MIN_VALUE) {
                started = now;
                last = now;
                return;
            }
            if (now - last < interval) {
                return;
            }
            last = now;
            line = line(limits.stream().map(AdaptiveLimit::counts).toList(), Duration.ofNanos(now - started));
        }
        LOG.log(System.Logger.Level.INFO, line);
    }

    /** The line for these counts after this long. */
    synchronized String line(List<AdaptiveLimit.Counts> counts, Duration elapsed) {
        long done = 0;
        long failed = 0;
        long retried = 0;
        long inFlight = 0;
        StringBuilder servers = new StringBuilder();
        for (AdaptiveLimit.Counts c : counts) {
            done += c.done();
            failed += c.failed();
            retried += c.retried();
            inFlight += c.inFlight();
            servers.append(servers.length() == 0 ? "" : ", ").append(c.server()).append(' ').append(c.limit())
                    .append(" of ").append(c.ceiling());
        }
        StringBuilder line = new StringBuilder("llmtest: live calls: ").append(done).append(" done, ")
                .append(inFlight).append(" in flight, ").append(failed).append(" failed, ").append(retried)
                .append(" retried; limit now: ").append(servers).append("; ").append(span(elapsed))
                .append(" elapsed");
        long ended = done + failed;
        if (expected > ended && ended > 0) {
            line.append(", about ").append(span(elapsed.multipliedBy(expected - ended).dividedBy(ended)))
                    .append(" left for the ").append(expected).append(" calls announced");
        }
        return line.toString();
    }

    /** {@code 42s}, {@code 1m05s}, {@code 2h03m}. */
    static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
