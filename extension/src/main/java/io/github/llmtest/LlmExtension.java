package io.github.llmtest;

import io.github.llmtest.internal.report.CallEntry;
import io.github.llmtest.internal.server.RecordingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.AssertionFailedError;

import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The machinery behind {@link LlmTest @LlmTest}: resolves {@link Llm} and {@link LlmServer} parameters, keeps one
 * {@link TestSession} per test invocation (and one per class, for {@code @BeforeAll} methods), tells the
 * {@link RecordingServer} which test is running, and after each test checks its latency budget, publishes what
 * assertions extracted, and fails it with the problems of the calls the application made through the server.
 */
final class LlmExtension implements ParameterResolver, TestInstancePreConstructCallback, BeforeAllCallback,
        BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback, AfterAllCallback, TestWatcher,
        TestExecutionExceptionHandler {

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");

    /** The fixture file of calls made in {@code @BeforeAll} methods. */
    static final String CLASS_FIXTURE = "_class";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        // in a @CompareModels invocation, the invocation's own resolver gives each run its model; a dataset's case
        // gets its client from the dataset, bound to the case's own session
        return type == LlmServer.class || type == Llm.class && !extensionContext.getTestMethod()
                .map(m -> CompareModelsExtension.isComparison(m) || DatasetExtension.isDataset(m)).orElse(false);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestSession session = session(extensionContext);
        if (parameterContext.getParameter().getType() == LlmServer.class) {
            RecordingServer server = RecordingServer.shared();
            FrameworkUrls.check(extensionContext, server);
            return new DefaultLlmServer(session, server, RecordingServer.scopes().token(extensionContext.getUniqueId()));
        }
        return new DefaultLlm(session, session.settings().model(), Llm.DEFAULT_OPTIONS);
    }

    /** Starts the server before a test instance exists, since frameworks read its URLs while creating one. */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        startServer();
    }

    /** Starts the server (its URLs are system properties from now on) and makes the class the running test. */
    @Override
    public void beforeAll(ExtensionContext context) {
        PriceTables.of(context); // a malformed price table (or budget) fails the class before any call
        PriceTables.runBudget(context);
        Transcripts.validate(context);
        startServer();
        enter(context);
    }

    /**
     * Resolves the settings before the test runs, so a bad value fails as a configuration error naming it. The
     * session itself is made when the test first needs it (an {@code Llm} parameter, a call through the server): a
     * dataset's case runs in a session of its own and never needs one here.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        LatencyBudgets.validate(context);
        CostBudgets.validate(context);
        Settings.of(context);
        ExtensionStore.live(context); // the run's limits (llmtest.concurrency), read once per run
        enter(context);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Optional<TestSession> session = existingSession(context);
        if (session.isEmpty()) {
            return;
        }
        session.get().publishServerCalls();
        CallReports.publishExtractions(session.get());
        checkBudgets(context, session.get().calls());
    }

    /** Judges the latency and the cost budget; when both are broken, the test fails with both. */
    static void checkBudgets(ExtensionContext context, List<LlmCall> calls) {
        AssertionFailedError latency = null;
        try {
            LatencyBudgets.check(context, calls);
        } catch (AssertionFailedError e) {
            latency = e;
        }
        try {
            CostBudgets.check(context, calls);
        } catch (AssertionFailedError e) {
            if (latency == null) {
                throw e;
            }
            latency.addSuppressed(e);
        }
        if (latency != null) {
            throw latency;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        leave(context);
    }

    /** A test that asked for LlmServer and failed connecting elsewhere is told where its calls should go. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw ServerMisses.explain(context, throwable);
    }

    /**
     * Tells the report listener that the test failed, so that it prints the test's calls on the test's own output
     * (with {@code llmtest.output=failures}, the default) while Surefire still attributes output to the test; and
     * writes the test's transcript ({@code llmtest.transcripts}), attached where {@code llmtest.attachments} says.
     */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        context.publishReportEntry(CallEntry.FAILED_KEY, "true");
        Transcripts.finished(context, cause, System.out);
    }

    /** Writes the test's transcript with {@code llmtest.transcripts=all} (and removes one left by a failure). */
    @Override
    public void testSuccessful(ExtensionContext context) {
        Transcripts.finished(context, null, System.out);
    }

    /** Writes the class's record-mode fixture files (kept back until now, see {@code Fixtures.flush}). */
    @Override
    public void afterAll(ExtensionContext context) {
        try {
            ExtensionStore.fixtures(context).flush(context.getRequiredTestClass().getName());
        } finally {
            leave(context);
        }
    }

    private static void startServer() {
        try {
            RecordingServer.shared();
        } catch (UncheckedIOException e) {
            // tests that do not use the server run on; resolving an LlmServer reports this again
            LOG.log(System.Logger.Level.WARNING, "llmtest: " + e.getMessage());
        }
    }

    /** From now on, calls to the server belong to this test (or class), until {@link #leave}. */
    private static void enter(ExtensionContext context) {
        List<String> ancestors = new ArrayList<>();
        for (Optional<ExtensionContext> c = context.getParent(); c.isPresent(); c = c.get().getParent()) {
            ancestors.add(c.get().getUniqueId());
        }
        String name = context.getRequiredTestClass().getSimpleName()
                + context.getTestMethod().map(m -> "#" + m.getName()).orElse("");
        RecordingServer.scopes().enter(context.getUniqueId(), ancestors, name,
                () -> session(context));
    }

    /** Ends the test's part in the server's calls: publishes them and fails the test with their problems. */
    private static void leave(ExtensionContext context) {
        RecordingServer.scopes().leave(context.getUniqueId());
        Optional<TestSession> session = existingSession(context);
        if (session.isEmpty()) {
            return;
        }
        session.get().publishServerCalls();
        List<RuntimeException> problems = session.get().takeServerProblems();
        if (problems.isEmpty()) {
            return;
        }
        RuntimeException first = problems.get(0);
        problems.subList(1, problems.size()).forEach(first::addSuppressed);
        throw first;
    }

    static Optional<TestSession> existingSession(ExtensionContext context) {
        return Optional.ofNullable(ExtensionStore.of(context).get(ExtensionStore.sessionKey(context),
                TestSession.class));
    }

    /** The session of this context, shared by the test method and its {@code @BeforeEach} methods. */
    static TestSession session(ExtensionContext context) {
        return ExtensionStore.computeIfAbsent(ExtensionStore.of(context), ExtensionStore.sessionKey(context),
                () -> newSession(context), TestSession.class);
    }

    /** A session of its own for one dataset case, run ahead of the case's test (see {@code DatasetExtension}). */
    static TestSession caseSession(ExtensionContext context, String caseId) {
        TestSession session = newSession(context);
        session.runCase(caseId);
        return session;
    }

    /** A session of its own for one sample of a {@code @Samples} test, run ahead (see {@code SamplesExtension}). */
    static TestSession sampleSession(ExtensionContext context, int index) {
        TestSession session = newSession(context);
        session.startSample(index);
        session.hold();
        return session;
    }

    /**
     * A session of its own for one model of a {@code @CompareModels} test, run ahead of the model's invocation (see
     * {@code ModelsAhead}): its report entries held until the invocation releases them.
     */
    static TestSession modelSession(ExtensionContext context) {
        TestSession session = newSession(context);
        session.hold();
        return session;
    }

    /**
     * Makes {@code session}, which ran ahead of this test, the test's own session (in place of one made when its
     * parameters were resolved), so that what runs after the test (extractions, budgets, transcript) reads it.
     *
     * @return the session
     */
    static TestSession adopt(ExtensionContext context, TestSession session) {
        ExtensionContext.Store store = ExtensionStore.of(context);
        if (store.get(ExtensionStore.sessionKey(context), TestSession.class) != session) {
            store.put(ExtensionStore.sessionKey(context), session);
        }
        return session;
    }

    private static TestSession newSession(ExtensionContext context) {
        Settings settings = Settings.of(context);
        Class<?> testClass = context.getRequiredTestClass();
        Optional<Method> method = context.getTestMethod();
        String methodName = method.map(Method::getName).orElse(CLASS_FIXTURE);
        String testId = testClass.getName() + method.map(m -> "#" + m.getName()).orElse("");
        Path file = settings.fixturesDir().resolve(testClass.getName()).resolve(methodName + ".json");
        String simpleName = testClass.getName().substring(testClass.getName().lastIndexOf('.') + 1);
        String command = "mvn test -Dtest='" + simpleName + method.map(m -> "#" + m.getName()).orElse("")
                + "' -D" + LlmTest.MODE_PARAMETER + "=record";
        return new TestSession(settings, testId, command, file, ExtensionStore.fixtures(context),
                ExtensionStore.live(context), context);
    }
}
