package io.github.llmtest;

import io.github.llmtest.internal.fixture.Fixtures;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the {@link Llm} of one test invocation (or one class, for {@code @BeforeAll} methods) needs: its
 * settings, its fixture file, the run's live session, and the counters that tell identical requests apart.
 */
final class CallSite {

    final Settings settings;
    final String testId;
    final String recordCommand;
    final Path fixturePath;
    final Fixtures fixtures;
    final LiveSession live;
    final ExtensionContext context;
    private final ConcurrentMap<String, AtomicInteger> occurrences = new ConcurrentHashMap<>();
    private final List<LlmCall> calls = new CopyOnWriteArrayList<>();
    private final List<LlmCall> unpublished = new CopyOnWriteArrayList<>();
    private final Map<String, RuntimeException> serverProblems = new LinkedHashMap<>();
    /** Request fields {@link LlmServer} leaves out of keys: the configured ones, then the test's own. */
    final List<String> ignoredFields = new CopyOnWriteArrayList<>();
    private final AtomicInteger callCount = new AtomicInteger();
    private volatile Integer sample;

    CallSite(Settings settings, String testId, String recordCommand, Path fixturePath, Fixtures fixtures,
             LiveSession live, ExtensionContext context) {
        this.settings = settings;
        this.testId = testId;
        this.recordCommand = recordCommand;
        this.fixturePath = fixturePath;
        this.fixtures = fixtures;
        this.live = live;
        this.context = context;
        this.ignoredFields.addAll(settings.ignoredFields());
    }

    /** @return 0 the first time a request with this base key is made in this test, then 1, 2, ... */
    int nextOccurrence(String baseKey) {
        return occurrences.computeIfAbsent(baseKey, k -> new AtomicInteger()).getAndIncrement();
    }

    /** Gives back an occurrence taken by a request that was not served. */
    void releaseOccurrence(String baseKey) {
        AtomicInteger count = occurrences.get(baseKey);
        if (count != null) {
            count.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    int nextCallIndex() {
        return callCount.incrementAndGet();
    }

    void add(LlmCall call) {
        calls.add(call);
    }

    List<LlmCall> calls() {
        return List.copyOf(calls);
    }

    /** A call made through {@link LlmServer} on the server's thread: published later, from the test's. */
    void addServerCall(LlmCall call) {
        calls.add(call);
        unpublished.add(call);
    }

    /** Publishes the report entries of the server's calls so far; called on the test's thread. */
    void publishServerCalls() {
        for (LlmCall call : unpublished) {
            unpublished.remove(call);
            CallReports.publish(this, call);
        }
    }

    /** A problem of an {@link LlmServer} call that the test fails with, unless a retry of it is served. */
    void serverProblem(String baseKey, RuntimeException problem) {
        synchronized (serverProblems) {
            serverProblems.put(baseKey, problem);
        }
    }

    void serverCallServed(String baseKey) {
        synchronized (serverProblems) {
            serverProblems.remove(baseKey);
        }
    }

    /** @return the problems of {@link LlmServer} calls left, oldest first, and forgets them */
    List<RuntimeException> takeServerProblems() {
        synchronized (serverProblems) {
            List<RuntimeException> problems = List.copyOf(serverProblems.values());
            serverProblems.clear();
            return problems;
        }
    }

    /** Starts sample {@code index} of a {@code @Samples} test: identical requests are counted afresh. */
    void startSample(int index) {
        sample = index;
        occurrences.clear();
    }

    Integer sample() {
        return sample;
    }
}
