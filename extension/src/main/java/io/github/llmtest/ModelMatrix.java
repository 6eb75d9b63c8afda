package io.github.llmtest;

import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs an {@link LlmTest @LlmTest} class once per model of {@link LlmTest#models()}, or once with the configured
 * model when none are listed. The chosen model is kept in the invocation's store, where {@link Settings} finds it.
 */
final class ModelMatrix implements ClassTemplateInvocationContextProvider {

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, LlmTest.class)).isPresent();
    }

    @Override
    public Stream<? extends ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(
            ExtensionContext context) {
        LlmTest annotation = context.getRequiredTestClass().getAnnotation(LlmTest.class) != null
                ? context.getRequiredTestClass().getAnnotation(LlmTest.class)
                : AnnotationSupport.findAnnotation(context.getRequiredTestClass(), LlmTest.class).orElseThrow();
        List<String> models = Arrays.asList(annotation.models());
        if (models.stream().anyMatch(m -> m == null || m.isBlank())) {
            throw new ExtensionConfigurationException("@LlmTest requires every entry of `models` to be a model name "
                    + "such as \"phi4\", but was " + models);
        }
        if (models.isEmpty()) {
            return Stream.of(invocation(Settings.modelOf(context), null));
        }
        if (models.stream().distinct().count() != models.size()) {
            throw new ExtensionConfigurationException("@LlmTest requires the entries of `models` to differ, but was "
                    + models);
        }
        return models.stream().map(m -> invocation(m, m));
    }

    private static ClassTemplateInvocationContext invocation(String displayModel, String matrixModel) {
        return new ClassTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "model " + displayModel;
            }

            @Override
            public void prepareInvocation(ExtensionContext context) {
                if (matrixModel != null) {
                    ExtensionStore.of(context).put(ExtensionStore.MATRIX_MODEL, matrixModel);
                }
            }
        };
    }
}
