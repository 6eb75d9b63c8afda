package io.github.llmtest.internal.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends the waits on a client that are over their time: reading a request (its line, headers and body) and one write
 * of a response. A server thread that waits longer is interrupted, which closes the connection it is blocked on (the
 * JDK server reads and writes through interruptible channels), so a client sending a byte a second, or a body shorter
 * than its {@code Content-Length}, frees its thread when the {@link ServerLimits#requestTimeout()} is over. Waits on
 * the upstream server are not watched here: its client has its own timeouts.
 */
final class Deadlines {

    /** A wait on a client, and what to do when it is over its time, before the connection is closed. */
    private static final class Wait {
        final long deadline;
        volatile Runnable onExpiry;
        boolean expired;

        Wait(long deadline) {
            this.deadline = deadline;
        }
    }

    private static final Map<Thread, Wait> WAITING = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "llmtest-server-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    static {
        WATCH.scheduleWithFixedDelay(Deadlines::expire, 100, 100, TimeUnit.MILLISECONDS);
    }

    private Deadlines() {
    }

    /** The current thread starts waiting on its client: it is interrupted if it still waits after the timeout. */
    static void begin() {
        WAITING.put(Thread.currentThread(), new Wait(System.nanoTime() + ServerLimits.requestTimeout().toNanos()));
    }

    /**
     * What to do if the current thread's wait runs out of time, before its connection is closed: the client sees the
     * connection close only after this is done (such as telling the running test why).
     *
     * @param action run on the watching thread; what it throws is ignored
     */
    static void onExpiry(Runnable action) {
        Wait wait = WAITING.get(Thread.currentThread());
        if (wait != null) {
            wait.onExpiry = action;
        }
    }

    /** The current thread no longer waits on its client (an interrupt that came too late is cleared). */
    static void end() {
        if (WAITING.remove(Thread.currentThread()) != null) {
            Thread.interrupted();
        }
    }

    /** @return whether the current thread's wait ran out of time */
    static boolean expired() {
        return Thread.currentThread().isInterrupted();
    }

    private static void expire() {
        long now = System.nanoTime();
        for (Thread thread : WAITING.keySet()) {
            // atomic with end(): a thread is interrupted only while it still waits on its client
            WAITING.computeIfPresent(thread, (waiting, wait) -> {
                if (now - wait.deadline >= 0) {
                    if (!wait.expired && wait.onExpiry != null) {
                        try {
                            wait.onExpiry.run();
                        } catch (RuntimeException e) {
                            // the connection is closed all the same
                        }
                    }
                    wait.expired = true;
                    waiting.interrupt();
                }
                return wait;
            });
        }
    }
}
