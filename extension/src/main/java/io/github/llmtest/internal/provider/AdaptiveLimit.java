package io.github.llmtest.internal.provider;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * How many requests one model server gets at once, adapting to what it says: the limit starts at its ceiling (the
 * configured {@code llmtest.concurrency}), halves when the server answers 429 or 503 (rate limited, overloaded,
 * Ollama's "server busy"), and grows back by one after as many successes in a row as the limit is, never above the
 * ceiling. Every client of the same server in a run shares one limit, whichever thread or test class calls.
 *
 * <p>A burst of refusals halves the limit once, not once per refused request: only a request sent after the last
 * halving can halve it again. Also counts the run's calls to the server for the progress line. Thread-safe.
 */
public final class AdaptiveLimit {

    /** The longest a call waits before trying again, whatever the server's {@code retry-after} asks. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private static final int HISTORY = 1_000;

    /** A slot held by one request; hand it back with {@link #release}. */
    public static final class Slot {
        private final long epoch;
        private boolean released;

        private Slot(long epoch) {
            this.epoch = epoch;
        }
    }

    /** What a request's response says about the server's load. */
    public enum Signal {
        /** Answered: counts toward growing the limit. */
        SUCCESS,
        /** 429 or 503: the server has too much to do. */
        OVERLOADED,
        /** Anything else (an error of the request, a broken connection): says nothing about load. */
        NEUTRAL
    }

    private final String server;
    private final int ceiling;
    private final Runnable tick;
    private final Deque<Integer> history = new ArrayDeque<>();
    private int limit;
    private int inFlight;
    private int successes;
    private long epoch;
    private long done;
    private long failed;
    private long retried;

    /**
     * @param server  names the server in messages and the progress line, such as {@code ollama http://localhost:11434}
     * @param ceiling the most requests at once, and where the limit starts
     * @throws IllegalArgumentException when the ceiling is below 1
     */
    public AdaptiveLimit(String server, int ceiling) {
        this(server, ceiling, () -> { });
    }

    /**
     * @param server  names the server
     * @param ceiling the most requests at once, and where the limit starts
     * @param tick    run (outside any lock) after each call that ends, for the progress line
     */
    AdaptiveLimit(String server, int ceiling, Runnable tick) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("the concurrency of " + server + " must be at least 1, but was "
                    + ceiling);
        }
        this.server = server;
        this.ceiling = ceiling;
        this.tick = tick;
        this.limit = ceiling;
        history.add(ceiling);
    }

    /** @return the server, as given */
    public String server() {
        return server;
    }

    /** @return the most requests at once this limit ever allows */
    public int ceiling() {
        return ceiling;
    }

    /** @return the requests allowed at once now */
    public synchronized int limit() {
        return limit;
    }

    /** @return the limit after each change, oldest first, starting with the ceiling (the last 1,000) */
    public synchronized List<Integer> history() {
        return new ArrayList<>(history);
    }

    /**
     * Waits for a slot.
     *
     * @param timeout the longest to wait
     * @return the slot, or null when none was free in time
     * @throws InterruptedException when interrupted while waiting
     */
    public synchronized Slot acquire(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight >= limit) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        inFlight++;
        return new Slot(epoch);
    }

    /**
     * Hands a slot back, adapting the limit to what the response said. A slot already handed back is ignored.
     *
     * @param slot   from {@link #acquire}
     * @param signal what the response said
     */
    public synchronized void release(Slot slot, Signal signal) {
        if (slot.released) {
            return;
        }
        slot.released = true;
        inFlight--;
        if (signal == Signal.OVERLOADED) {
            successes = 0;
            if (slot.epoch == epoch) { // one halving per burst: later refusals were sent at the old limit
                epoch++;
                set(Math.max(1, limit / 2));
            }
        } else if (signal == Signal.SUCCESS && limit < ceiling && ++successes >= limit) {
            successes = 0;
            set(limit + 1);
        }
        notifyAll();
    }

    private void set(int value) {
        limit = value;
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.add(value);
    }

    /** A call to this server finished with an answer. */
    public void callDone() {
        synchronized (this) {
            done++;
        }
        tick.run();
    }

    /** A call to this server failed for good. */
    public void callFailed() {
        synchronized (this) {
            failed++;
        }
        tick.run();
    }

    /** A call to this server is tried again. */
    public synchronized void callRetried() {
        retried++;
    }

    /** @return the counts now, for the progress line */
    public synchronized Counts counts() {
        return new Counts(server, done, failed, retried, inFlight, limit, ceiling);
    }

    /**
     * The calls to one server so far.
     *
     * @param server   the server
     * @param done     calls answered
     * @param failed   calls failed for good
     * @param retried  tries again after a refusal or a failure
     * @param inFlight requests at the server now
     * @param limit    the limit now
     * @param ceiling  the most it can be
     */
    public record Counts(String server, long done, long failed, long retried, int inFlight, int limit, int ceiling) {
    }

    @Override
    public synchronized String toString() {
        return server + ": " + inFlight + " in flight, limit " + limit + " of " + ceiling;
    }
}
