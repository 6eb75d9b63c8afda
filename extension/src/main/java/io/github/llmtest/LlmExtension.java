package io.github.llmtest;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machinery behind {@link LlmTest @LlmTest}: resolves {@link Llm} parameters, keeps one {@link CallSite} per
 * test invocation, and after each test checks its latency budget and publishes what assertions extracted.
 */
final class LlmExtension implements ParameterResolver, BeforeEachCallback, AfterTestExecutionCallback {

    /** The fixture file of calls made in {@code @BeforeAll} methods. */
    static final String CLASS_FIXTURE = "_class";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // in a @CompareModels invocation, the invocation's own resolver gives each run its model
        return parameterContext.getParameter().getType() == Llm.class
                && !extensionContext.getTestMethod().map(CompareModelsExtension::isComparison).orElse(false);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        CallSite site = site(extensionContext);
        return new DefaultLlm(site, site.settings.model(), Llm.DEFAULT_OPTIONS);
    }

    /** Resolves the settings before the test runs, so a bad value fails as a configuration error naming it. */
    @Override
    public void beforeEach(ExtensionContext context) {
        site(context);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Optional<CallSite> site = existingSite(context);
        if (site.isEmpty()) {
            return;
        }
        CallReports.publishExtractions(site.get());
        LatencyBudgets.check(context, site.get().calls());
    }

    static Optional<CallSite> existingSite(ExtensionContext context) {
        return Optional.ofNullable(ExtensionStore.of(context).get(ExtensionStore.siteKey(context), CallSite.class));
    }

    /** The call site of this context, shared by the test method and its {@code @BeforeEach} methods. */
    static CallSite site(ExtensionContext context) {
        return ExtensionStore.computeIfAbsent(ExtensionStore.of(context), ExtensionStore.siteKey(context),
                () -> newSite(context), CallSite.class);
    }

    private static CallSite newSite(ExtensionContext context) {
        Settings settings = Settings.of(context);
        Class<?> testClass = context.getRequiredTestClass();
        Optional<Method> method = context.getTestMethod();
        String methodName = method.map(Method::getName).orElse(CLASS_FIXTURE);
        String testId = testClass.getName() + method.map(m -> "#" + m.getName()).orElse("");
        Path file = settings.fixturesDir().resolve(testClass.getName()).resolve(methodName + ".json");
        String simpleName = testClass.getName().substring(testClass.getName().lastIndexOf('.') + 1);
        String command = "mvn test -Dtest='" + simpleName + method.map(m -> "#" + m.getName()).orElse("")
                + "' -D" + LlmTest.MODE_PARAMETER + "=record";
        return new CallSite(settings, testId, command, file, ExtensionStore.fixtures(context),
                ExtensionStore.live(context), context);
    }
}
