package io.github.llmtest;

import io.github.llmtest.internal.provider.ProviderType;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs the parts of one test (a dataset's cases, a {@code @Samples} test's samples, the models of a
 * {@code @CompareModels} test) ahead of their reporting, each in a {@link TestSession} of its own, concurrently on a
 * pool per server no larger than that server lets be in flight; then moves
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
     * The pools the parts of one test run on, one per server their models call (a provider and base URL: the
     * run's one {@code AdaptiveLimit} of it), each sized by {@link #poolSize} for the parts on that server. Parts on
     * different servers (a compared model on Ollama, another on a hosted API) run side by side; parts on the same
     * server (two models one Ollama serves) share its pool, so no more of them run at once than the server takes.
     *
     * @param models      each part's model, in part order
     * @param parallelism the most parts of one server that run at once
     * @return the pools, in the order of their first part
     */
    static List<Pool> pools(TestSession session, List<String> models, int parallelism) {
        Map<String, List<Integer>> byServer = new LinkedHashMap<>();
        Map<String, String> modelOf = new LinkedHashMap<>();
        for (int i = 0; i < models.size(); i++) {
            ProviderType type = ModelName.parse(models.get(i)).provider();
            String server = type.id() + " " + session.settings().connection(type).url().plain();
            byServer.computeIfAbsent(server, s -> new ArrayList<>()).add(i);
            modelOf.putIfAbsent(server, models.get(i));
        }
        List<Pool> pools = new ArrayList<>(byServer.size());
        byServer.forEach((server, parts) -> pools.add(new Pool(server, List.copyOf(parts),
                poolSize(session, modelOf.get(server), parallelism, parts.size()))));
        return List.copyOf(pools);
    }

    /** @return how many parts the pools run at once in all */
    static int width(List<Pool> pools) {
        return pools.stream().mapToInt(Pool::size).sum();
    }

    /**
     * The parts of one server and how many of them run at once.
     *
     * @param server the provider and base URL
     * @param parts  the indexes of its parts, in part order
     * @param size   the threads of its pool
     */
    record Pool(String server, List<Integer> parts, int size) {
    }

    /**
     * Runs part {@code i} with {@code body.apply(i)} for every session, on {@code size} threads, waits for all of
     * them and puts their recordings in part order.
     *
     * @return what each part threw, or null where it passed, in part order
     */
    static Throwable[] concurrently(ExtensionContext context, List<TestSession> sessions, int size, String threads,
                                    IntFunction<Throwable> body) {
        List<Integer> all = new ArrayList<>(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            all.add(i);
        }
        return concurrently(context, sessions, List.of(new Pool("", all, size)), threads, body);
    }

    /**
     * Runs part {@code i} with {@code body.apply(i)} for every session, each on its server's pool, waits for all of
     * them and puts their recordings in part order.
     *
     * @return what each part threw, or null where it passed, in part order
     */
    static Throwable[] concurrently(ExtensionContext context, List<TestSession> sessions, List<Pool> pools,
                                    String threads, IntFunction<Throwable> body) {
        ExtensionStore.live(context).limits().expect(sessions.size()); // for the progress line's estimate
        Throwable[] thrown = new Throwable[sessions.size()];
        AtomicInteger count = new AtomicInteger();
        List<ExecutorService> executors = new ArrayList<>(pools.size());
        try {
            List<Future<Throwable>> running = new ArrayList<>(sessions.size());
            for (int i = 0; i < sessions.size(); i++) {
                running.add(null);
            }
            for (Pool pool : pools) {
                ExecutorService executor = Executors.newFixedThreadPool(pool.size(), r -> {
                    Thread t = new Thread(r, threads + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
                executors.add(executor);
                for (int part : pool.parts()) {
                    running.set(part, executor.submit(() -> body.apply(part)));
                }
            }
            for (int i = 0; i < running.size(); i++) {
                thrown[i] = await(running.get(i));
            }
        } finally {
            executors.forEach(ExecutorService::shutdownNow);
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
