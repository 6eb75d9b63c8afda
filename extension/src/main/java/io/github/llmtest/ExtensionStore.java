package io.github.llmtest;

import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.fixture.Fixtures;
import io.github.llmtest.internal.provider.ConcurrencyLimits;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Where llmtest keeps its state in JUnit's extension store, and under which keys: the one place that names them.
 * Run-wide values live in the root context's store and are closed by JUnit when the run ends.
 */
final class ExtensionStore {

    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create("io.github.llmtest");

    private ExtensionStore() {
    }

    /** The store of this context (test, class or invocation). */
    static ExtensionContext.Store of(ExtensionContext context) {
        return context.getStore(NAMESPACE);
    }

    /** The key of a test's (or class's) session. */
    static String sessionKey(ExtensionContext context) {
        return "session:" + context.getUniqueId();
    }

    /** The key of the session a test invocation's transcript shows, when it is not the test's own (a dataset case). */
    static String transcriptSessionKey(ExtensionContext context) {
        return "transcript-session:" + context.getUniqueId();
    }

    /** The run's fixture files. */
    static Fixtures fixtures(ExtensionContext context) {
        return computeIfAbsent(root(context), Fixtures.class, Fixtures::new, Fixtures.class);
    }

    /** The run's live session: one provider per server, one warm-up per model. */
    static LiveSession live(ExtensionContext context) {
        return computeIfAbsent(root(context), LiveSession.class, () -> new LiveSession(concurrency(context)),
                LiveSession.class);
    }

    /** The run's limits per server, from {@value SettingNames#CONCURRENCY}; a malformed value fails the test. */
    private static ConcurrencyLimits concurrency(ExtensionContext context) {
        try {
            return ConcurrencyLimits.parse(context.getConfigurationParameter(SettingNames.CONCURRENCY).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    /** A flag set once per run, for warnings that must not repeat. */
    static boolean firstTime(ExtensionContext context, String warning) {
        return computeIfAbsent(root(context), "warned:" + warning, AtomicBoolean::new, AtomicBoolean.class)
                .compareAndSet(false, true);
    }

    /**
     * The value under {@code key}, created by {@code create} if absent. The one call of
     * {@code Store.getOrComputeIfAbsent}: JUnit 6 deprecates it in favour of {@code computeIfAbsent}, which JUnit
     * 5.10 (the oldest version llmtest supports) does not have, so the deprecation is suppressed here only.
     */
    @SuppressWarnings("deprecation")
    static <V> V computeIfAbsent(ExtensionContext.Store store, Object key, Supplier<V> create, Class<V> type) {
        return store.getOrComputeIfAbsent(key, k -> create.get(), type);
    }

    /** The key of an availability probe's outcome. */
    static String availabilityKey(String baseUrl, String model) {
        return "available:" + baseUrl + "|" + model;
    }

    static ExtensionContext.Store root(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }
}
