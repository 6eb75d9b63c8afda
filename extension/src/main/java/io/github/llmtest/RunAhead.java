package io.github.llmtest;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs the parts of one test (a dataset's cases, a {@code @Samples} test's samples) ahead of their reporting, each in
 * a {@link TestSession} of its own, concurrently on a pool no larger than the provider lets be in flight; then moves
 * each part's recordings to the end of the fixture file in part order, so the file is the one a run of the parts one
 * after another would have written, whatever order the answers came in.
 */
final class RunAhead {

    private RunAhead() {
    }

    /**
     * How many parts may run at once: at most {@code parallelism}, the parts there are, and the requests the
     * provider of {@code model} lets be in flight (a part queued on the provider's slots waits at most the call
     * timeout, and a slow local model, Ollama one at a time, would make the last parts fail).
     */
    static int poolSize(TestSession session, String model, int parallelism, int parts) {
        int inFlight = session.provider(ModelName.parse(model).provider()).maxInFlight();
        return Math.max(1, Math.min(Math.min(parallelism, inFlight), parts));
    }

    /**
     * Runs part {@code i} with {@code body.apply(i)} for every session, on {@code size} threads, waits for all of
     * them and puts their recordings in part order.
     *
     * @return what each part threw, or null where it passed, in part order
     */
    static Throwable[] concurrently(ExtensionContext context, List<TestSession> sessions, int size, String threads,
                                    IntFunction<Throwable> body) {
        ExtensionStore.live(context).limits().expect(sessions.size()); // for the progress line's estimate
        Throwable[] thrown = new Throwable[sessions.size()];
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, threads + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Throwable>> running = new ArrayList<>(sessions.size());
            for (int i = 0; i < sessions.size(); i++) {
                int part = i;
                running.add(pool.submit(() -> body.apply(part)));
            }
            for (int i = 0; i < running.size(); i++) {
                thrown[i] = await(running.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
        inPartOrder(sessions);
        return thrown;
    }

    /** Invokes the test method with these arguments: what it threw, or null when it passed. */
    static Throwable invoke(ReflectiveInvocationContext<Method> invocation, Object[] arguments) {
        try {
            ReflectionSupport.invokeMethod(invocation.getExecutable(), invocation.getTarget().orElse(null),
                    arguments);
            return null;
        } catch (Throwable t) { // NOPMD: every outcome of a part is reported by its test
            if (t instanceof OutOfMemoryError) {
                throw t;
            }
            return t;
        }
    }

    private static Throwable await(Future<Throwable> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the parts of a test ran ahead", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error; // OutOfMemoryError and the like: not a part's outcome
            }
            throw new IllegalStateException("A part of a test could not run: " + cause, cause);
        }
    }

    /**
     * Moves each part's recordings to the end of the fixture file, part after part: the order they would have been
     * recorded in one after another, whatever order their answers came in.
     */
    private static void inPartOrder(List<TestSession> sessions) {
        List<String> keys = new ArrayList<>();
        sessions.forEach(s -> keys.addAll(s.recordedKeys()));
        if (!keys.isEmpty()) {
            sessions.get(0).fixtureFile().moveToEnd(keys);
        }
    }
}
