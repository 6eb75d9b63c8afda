package io.github.llmtest;

import io.github.llmtest.internal.fixture.Fixtures;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where llmtest keeps its state in JUnit's extension store, and under which keys: the one place that names them.
 * Run-wide values live in the root context's store and are closed by JUnit when the run ends.
 */
final class ExtensionStore {

    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create("io.github.llmtest");

    /** The model a {@code models} matrix invocation runs with, in the invocation's store. */
    static final String MATRIX_MODEL = "matrix-model";

    private ExtensionStore() {
    }

    /** The store of this context (test, class or invocation). */
    static ExtensionContext.Store of(ExtensionContext context) {
        return context.getStore(NAMESPACE);
    }

    /** The key of a test's (or class's) call site. */
    static String siteKey(ExtensionContext context) {
        return "site:" + context.getUniqueId();
    }

    /** The run's fixture files. */
    static Fixtures fixtures(ExtensionContext context) {
        return root(context).getOrComputeIfAbsent(Fixtures.class, k -> new Fixtures(), Fixtures.class);
    }

    /** The run's live session: one provider per server, one warm-up per model. */
    static LiveSession live(ExtensionContext context) {
        return root(context).getOrComputeIfAbsent(LiveSession.class, k -> new LiveSession(), LiveSession.class);
    }

    /** A flag set once per run, for warnings that must not repeat. */
    static boolean firstTime(ExtensionContext context, String warning) {
        return root(context).getOrComputeIfAbsent("warned:" + warning, k -> new AtomicBoolean(), AtomicBoolean.class)
                .compareAndSet(false, true);
    }

    /** The key of an availability probe's outcome. */
    static String availabilityKey(String baseUrl, String model) {
        return "available:" + baseUrl + "|" + model;
    }

    static ExtensionContext.Store root(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }
}
