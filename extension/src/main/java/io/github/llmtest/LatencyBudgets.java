package io.github.llmtest;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/** Checks the calls of a test against its {@code @LatencyBudget}; filled in with the assertions. */
final class LatencyBudgets {

    private LatencyBudgets() {
    }

    static void check(ExtensionContext context, List<LlmCall> calls) {
        // no budget support yet
    }
}
