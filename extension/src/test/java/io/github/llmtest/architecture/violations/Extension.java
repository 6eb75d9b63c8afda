package io.github.llmtest.architecture.violations;

import io.github.llmtest.architecture.violations.internal.fixture.UsesTheAnnotation;

/** An extension that uses a lower layer, which uses the annotation back: a cycle through an annotation. */
final class Extension implements org.junit.jupiter.api.extension.Extension {

    boolean annotated(Class<?> type) {
        return UsesTheAnnotation.annotated(type);
    }
}
