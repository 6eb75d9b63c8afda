package io.github.llmtest;

import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Provides one invocation per model of {@link CompareModels}. Each invocation brings its own resolver of
 * {@link Llm} parameters bound to its model; {@link LlmExtension} stands aside for methods with
 * {@code @CompareModels}, so the two never compete. In {@code live}, {@code record} and {@code auto} modes the
 * models run ahead together at the first invocation ({@link ModelsAhead}), and each invocation reports its own.
 */
final class CompareModelsExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        // with @LlmDataset on the method, the dataset provides one invocation per case and model
        return context.getTestMethod().filter(m -> Settings.annotation(m, LlmDataset.class).isEmpty())
                .map(CompareModelsExtension::isComparison).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        List<String> models = models(method);
        if (Settings.annotations(context).isEmpty()) {
            throw new ExtensionConfigurationException("@CompareModels requires @LlmTest on the test method or its "
                    + "class; without it there is no Llm to compare");
        }
        ModelsAhead ahead = new ModelsAhead(models).storeIn(context);
        return models.stream().map(model -> invocation(model, ahead));
    }

    static boolean isComparison(Method method) {
        return Settings.annotation(method, CompareModels.class).isPresent();
    }

    /** The models of a method's {@code @CompareModels}, checked: at least one, none blank, no repeats. */
    static List<String> models(Method method) {
        CompareModels annotation = AnnotationSupport.findAnnotation(method, CompareModels.class).orElseThrow();
        List<String> models = Arrays.asList(annotation.value());
        if (models.isEmpty() || models.stream().anyMatch(m -> m == null || m.isBlank())) {
            throw new ExtensionConfigurationException("@CompareModels requires `value` to list model names such as "
                    + "\"phi4\", none blank, but was " + models);
        }
        if (models.stream().distinct().count() != models.size()) {
            throw new ExtensionConfigurationException("@CompareModels requires the entries of `value` to differ, but "
                    + "was " + models);
        }
        for (String model : models) {
            try {
                ModelName.check(model);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("@CompareModels: " + e.getMessage(), e);
            }
        }
        return models.stream().map(String::strip).toList();
    }

    /** IDEs show it below the method ({@code fibonacci(Llm)} → {@code [phi4]}); Surefire joins the two. */
    private static TestTemplateInvocationContext invocation(String model, ModelsAhead ahead) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[" + model + "]";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new ModelParameter(model, ahead), new ModelOutcome(model, ahead));
            }
        };
    }

    /**
     * Resolves {@link Llm} parameters of one invocation (test and lifecycle methods) to its model, bound to the
     * session its model ran in when the models ran ahead.
     */
    private static final class ModelParameter implements ParameterResolver {
        private final String model;
        private final ModelsAhead ahead;

        ModelParameter(String model, ModelsAhead ahead) {
            this.model = model;
            this.ahead = ahead;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == Llm.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            TestSession session = ahead.session(model).map(s -> LlmExtension.adopt(extensionContext, s))
                    .orElseGet(() -> LlmExtension.session(extensionContext));
            return new DefaultLlm(session, model, Llm.DEFAULT_OPTIONS);
        }
    }

    /**
     * Runs every model's test body ahead when the first invocation starts ({@link ModelsAhead}), then reports this
     * invocation's model: its report entries published on this test, its session made the test's own (so its
     * extractions, latency and cost budgets and transcript are judged as when it ran here), and what its body threw
     * thrown here. When the models run one after another, the invocation proceeds as it always did.
     */
    private static final class ModelOutcome implements InvocationInterceptor {
        private final String model;
        private final ModelsAhead ahead;

        ModelOutcome(String model, ModelsAhead ahead) {
            this.model = model;
            this.ahead = ahead;
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                                ReflectiveInvocationContext<Method> invocationContext,
                                                ExtensionContext context) throws Throwable {
            Optional<ModelsAhead.Outcomes> outcomes = AnnotationSupport.isAnnotated(invocationContext.getExecutable(),
                    Samples.class) ? Optional.empty() // sampled: SamplesExtension runs the models' samples
                    : ahead.outcomes(context, invocationContext, model, 1, part -> LlmExtension.modelSession(context));
            if (outcomes.isEmpty()) {
                invocation.proceed();
                return;
            }
            invocation.skip();
            TestSession session = LlmExtension.adopt(context, outcomes.get().sessions().get(0));
            session.release(context);
            Throwable thrown = outcomes.get().thrown().get(0);
            if (thrown != null) {
                throw thrown;
            }
        }
    }
}
