package io.github.llmtest;

import io.github.llmtest.internal.fixture.Fixtures;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.List;
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
    }

    /** @return 0 the first time a request with this base key is made in this test, then 1, 2, ... */
    int nextOccurrence(String baseKey) {
        return occurrences.computeIfAbsent(baseKey, k -> new AtomicInteger()).getAndIncrement();
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

    /** Starts sample {@code index} of a {@code @Samples} test: identical requests are counted afresh. */
    void startSample(int index) {
        sample = index;
        occurrences.clear();
    }

    Integer sample() {
        return sample;
    }
}
