package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.report.DatasetEntry;
import io.github.llmtest.internal.shard.Shard;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
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
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Provides one invocation per case (and model) of {@link LlmDataset}. The gate is judged over every case, but JUnit
 * reports each invocation as it ends; so that a failing case is shown as a failure or as tolerated, never as a
 * pass, the cases run ahead: when the first invocation of a model starts, every case of that model runs (each with
 * a session of its own, its report entries held back), and each invocation then reports its own case's outcome
 * under the gate now known, and publishes the case's report entries on its own test.
 *
 * <p>In live, record and auto modes the cases run on a pool of {@link LlmDataset#PARALLELISM_PARAMETER} threads
 * (the provider's transport still bounds the requests in flight), and once all are done each case's recordings are
 * moved to the end of the fixture file in case order, so the file does not depend on which answer came first.
 * With {@link CompareModels @CompareModels}, the first invocation runs every model's cases together, on a pool per
 * server ({@code Models}). Replay makes no call and runs them one after another on the test's thread.
 */
final class DatasetExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> Settings.annotation(m, LlmDataset.class)).isPresent();
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        LlmDataset annotation = AnnotationSupport.findAnnotation(method, LlmDataset.class).orElseThrow();
        validate(annotation, method, context);
        DatasetFile.Dataset dataset;
        try {
            dataset = DatasetFile.read(annotation.value(), context.getRequiredTestClass());
        } catch (DatasetFile.DatasetException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        List<LlmCase> selected = select(dataset, context);
        List<LlmCase> cases = shared(selected, context);
        int parallelism = parallelism(context);
        boolean compared = CompareModelsExtension.isComparison(method);
        List<String> models = compared ? CompareModelsExtension.models(method) : List.of("");
        Plan plan = new Plan(dataset, cases, annotation, method, parallelism);
        String shards = shard().map(Shard::toString).orElse("");
        java.util.Set<String> mine = new java.util.HashSet<>();
        cases.forEach(c -> mine.add(c.id()));
        List<TestTemplateInvocationContext> invocations = new ArrayList<>();
        Models together = new Models();
        for (String model : models) {
            Run run = together.add(new Run(plan, model.isEmpty() ? null : model, together));
            for (LlmCase c : selected) {
                // another shard's case keeps its place, disabled: each test has the id it has in a run of all shards
                invocations.add(mine.contains(c.id()) ? new CaseInvocation(run, c)
                        : new OnAnotherShard(c, run.model, shards));
            }
        }
        return invocations.stream();
    }

    /** Whether a method is an {@code @LlmDataset} test, whose cases this extension provides. */
    static boolean isDataset(Method method) {
        return Settings.annotation(method, LlmDataset.class).isPresent();
    }

    private static void validate(LlmDataset annotation, Method method, ExtensionContext context) {
        if (!(annotation.minAccuracy() >= 0 && annotation.minAccuracy() <= 1)) {
            throw new ExtensionConfigurationException("@LlmDataset requires `minAccuracy` to be between 0 and 1, "
                    + "but was " + annotation.minAccuracy());
        }
        if (!(annotation.minAccuracyPerTag() >= 0 && annotation.minAccuracyPerTag() <= 1)) {
            throw new ExtensionConfigurationException("@LlmDataset requires `minAccuracyPerTag` to be between 0 and "
                    + "1, but was " + annotation.minAccuracyPerTag());
        }
        if (Settings.annotations(context).isEmpty()) {
            throw new ExtensionConfigurationException("@LlmDataset requires @LlmTest on the test method or its "
                    + "class; without it there is no Llm to ask");
        }
        for (Parameter parameter : method.getParameters()) {
            if (parameter.getType() == LlmServer.class) {
                throw new ExtensionConfigurationException("@LlmDataset does not support an LlmServer parameter on "
                        + method.getName() + ": a dataset's cases run ahead of their tests, and the server attributes "
                        + "calls to the running test. Ask through an Llm parameter");
            }
        }
    }

    /**
     * This shard's cases ({@code llmtest.shard}): its share of a dataset with at least as many cases as shards, and
     * the whole of a smaller one on the shard of its class; every case when the run is not sharded.
     */
    private static List<LlmCase> shared(List<LlmCase> cases, ExtensionContext context) {
        Optional<Shard> shard = shard();
        if (shard.isEmpty()) {
            return cases;
        }
        String testClass = context.getRequiredTestClass().getName();
        if (cases.size() >= shard.get().count()) {
            return shard.get().share(testClass + "#" + context.getRequiredTestMethod().getName(), cases, LlmCase::id);
        }
        return shard.get().owns(testClass) ? cases : List.of();
    }

    private static Optional<Shard> shard() {
        try {
            return Shard.current();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    /** A case another shard runs: disabled here, saying so, and left out of the run report. */
    private record OnAnotherShard(LlmCase c, String model, String shard) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + (model == null ? "" : model + ", ") + c.id() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of((ExecutionCondition) context -> ConditionEvaluationResult.disabled("case " + c.id()
                    + " runs on another shard than " + shard));
        }
    }

    /** The cases to run: those with the filter's tag, then the first {@code limit} of them. */
    private static List<LlmCase> select(DatasetFile.Dataset dataset, ExtensionContext context) {
        List<LlmCase> cases = dataset.cases();
        String filter = context.getConfigurationParameter(LlmDataset.FILTER_PARAMETER).map(String::strip)
                .orElse("");
        if (!filter.isEmpty()) {
            cases = cases.stream().filter(c -> c.tags().contains(filter)).toList();
            if (cases.isEmpty()) {
                throw new ExtensionConfigurationException(dataset.name() + ": no case has the tag \"" + filter
                        + "\" that " + LlmDataset.FILTER_PARAMETER + " asks for; its tags are " + tags(dataset));
            }
        }
        String limit = context.getConfigurationParameter(LlmDataset.LIMIT_PARAMETER).map(String::strip).orElse("");
        if (!limit.isEmpty()) {
            int n;
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new ExtensionConfigurationException(LlmDataset.LIMIT_PARAMETER + " must be a whole number of "
                        + "cases, at least 1, but was \"" + limit + "\"");
            }
            cases = cases.subList(0, Math.min(n, cases.size()));
        }
        return cases;
    }

    private static int parallelism(ExtensionContext context) {
        String value = context.getConfigurationParameter(LlmDataset.PARALLELISM_PARAMETER).map(String::strip)
                .orElse("");
        if (value.isEmpty()) {
            return LlmDataset.DEFAULT_PARALLELISM;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new ExtensionConfigurationException(LlmDataset.PARALLELISM_PARAMETER + " must be a whole number "
                    + "of cases run at once, at least 1, but was \"" + value + "\"");
        }
        return n;
    }

    private static List<String> tags(DatasetFile.Dataset dataset) {
        return dataset.cases().stream().flatMap(c -> c.tags().stream()).distinct().toList();
    }

    /** A dataset as one method runs it. */
    private record Plan(DatasetFile.Dataset dataset, List<LlmCase> cases, LlmDataset annotation, Method method,
                        int parallelism) {
    }

    /** What one case did when it ran ahead. */
    private record Outcome(TestSession session, Throwable thrown) {
    }

    /**
     * The runs of one dataset method, one per model. In {@code live}, {@code record} and {@code auto} modes with more
     * than one model, the first invocation runs every model's cases together: each on the pool of the server its
     * model calls ({@link RunAhead#pools}), so that models on different servers overlap while each server gets no
     * more at once than {@value LlmDataset#PARALLELISM_PARAMETER} and its own limit; recordings land model after
     * model, each in case order, as a run of one model after another would write them. Replay, a parallelism of 1,
     * or every model on one server that takes one request at a time keep running each model's cases at its own
     * first invocation.
     */
    private static final class Models {
        private final List<Run> runs = new ArrayList<>();
        private boolean tried;

        synchronized Run add(Run run) {
            runs.add(run);
            return run;
        }

        /**
         * The first time an invocation asks, runs every model's cases together when they may; the lock is held only
         * for this, so models that run alone (replay) keep running as JUnit schedules them.
         */
        synchronized void tryTogether(ReflectiveInvocationContext<Method> invocation, ExtensionContext context) {
            if (!tried) {
                tried = true;
                together(invocation, context);
            }
        }

        /** Runs every model's cases at once, if that overlaps anything. */
        private void together(ReflectiveInvocationContext<Method> invocation, ExtensionContext context) {
            Plan plan = runs.get(0).plan;
            List<LlmCase> cases = plan.cases();
            if (runs.size() < 2 || plan.parallelism() == 1 || Settings.of(context).mode() == LlmMode.REPLAY) {
                return;
            }
            List<TestSession> sessions = new ArrayList<>(runs.size() * cases.size());
            List<String> partModels = new ArrayList<>(runs.size() * cases.size());
            for (Run run : runs) {
                for (LlmCase c : cases) {
                    TestSession session = LlmExtension.caseSession(context, c.id());
                    sessions.add(session);
                    partModels.add(run.model);
                }
            }
            List<RunAhead.Pool> pools;
            try {
                pools = RunAhead.pools(sessions.get(0), partModels, plan.parallelism());
            } catch (RuntimeException e) {
                return; // a model whose server cannot be reached so: its own cases say why
            }
            if (RunAhead.width(pools) < 2) {
                return; // one server taking one request at a time: nothing would overlap
            }
            Throwable[] thrown = RunAhead.concurrently(context, sessions, pools, "llmtest-dataset", i -> {
                Run run = runs.get(i / cases.size());
                return run.runCase(invocation, cases.get(i % cases.size()), sessions.get(i));
            });
            for (int r = 0; r < runs.size(); r++) {
                int from = r * cases.size();
                runs.get(r).finish(context, sessions.subList(from, from + cases.size()),
                        java.util.Arrays.copyOfRange(thrown, from, from + cases.size()));
            }
        }
    }

    /** The run of a dataset on one model: every case's outcome, and the gate, once the first invocation ran them. */
    private static final class Run {
        private final Plan plan;
        private final String model;
        private final Models together;
        private Map<String, Outcome> outcomes;
        private DatasetGate gate;
        /** A significant regression since the baseline that fails its cases, or null. */
        private DatasetBaseline.Regression regression;

        Run(Plan plan, String model, Models together) {
            this.plan = plan;
            this.model = model;
            this.together = together;
        }

        /** Runs every case (with the other models' when they run together), the first time an invocation asks. */
        void runAll(ReflectiveInvocationContext<Method> invocation, ExtensionContext context) {
            together.tryTogether(invocation, context);
            runOwn(invocation, context);
        }

        /** Runs this model's cases alone, unless they ran: concurrently, or one after another in replay. */
        private synchronized void runOwn(ReflectiveInvocationContext<Method> invocation, ExtensionContext context) {
            if (outcomes != null) {
                return;
            }
            List<LlmCase> cases = plan.cases();
            List<TestSession> sessions = new ArrayList<>(cases.size());
            for (LlmCase c : cases) {
                sessions.add(LlmExtension.caseSession(context, c.id()));
            }
            LlmMode mode = sessions.get(0).settings().mode();
            Throwable[] thrown = new Throwable[cases.size()];
            if (mode == LlmMode.REPLAY || plan.parallelism() == 1 || cases.size() == 1) {
                for (int i = 0; i < cases.size(); i++) {
                    thrown[i] = runCase(invocation, cases.get(i), sessions.get(i));
                }
            } else {
                runConcurrently(invocation, context, sessions, thrown);
            }
            finish(context, sessions, thrown);
        }

        /** Keeps each case's outcome and judges the gate and the baseline over them. */
        synchronized void finish(ExtensionContext context, List<TestSession> sessions, Throwable[] thrown) {
            List<LlmCase> cases = plan.cases();
            Map<String, Outcome> done = new LinkedHashMap<>();
            List<DatasetGate.Result> results = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                LlmCase c = cases.get(i);
                done.put(c.id(), new Outcome(sessions.get(i), thrown[i]));
                if (!(thrown[i] instanceof TestAbortedException)) {
                    results.add(new DatasetGate.Result(c.id(), c.tags(), thrown[i] == null, thrown[i]));
                }
            }
            outcomes = done;
            gate = DatasetGate.judge(results, plan.annotation().minAccuracy(), plan.annotation().minAccuracyPerTag());
            Map<String, Boolean> passed = new LinkedHashMap<>();
            results.forEach(r -> passed.put(r.id(), r.passed()));
            regression = DatasetBaseline.judge(context, sessions.get(0).testId(), plan.dataset().location(),
                    model == null ? sessions.get(0).settings().model() : model, passed).orElse(null);
        }

        synchronized DatasetBaseline.Regression regression() {
            return regression;
        }

        /** Runs the cases on a bounded pool and waits for all of them; what each threw lands in {@code thrown}. */
        private void runConcurrently(ReflectiveInvocationContext<Method> invocation, ExtensionContext context,
                                     List<TestSession> sessions, Throwable[] thrown) {
            List<LlmCase> cases = plan.cases();
            String named = model != null ? model : sessions.get(0).settings().model();
            int size = RunAhead.poolSize(sessions.get(0), named, plan.parallelism(), cases.size());
            Throwable[] done = RunAhead.concurrently(context, sessions, size, "llmtest-dataset",
                    i -> runCase(invocation, cases.get(i), sessions.get(i)));
            System.arraycopy(done, 0, thrown, 0, done.length);
        }

        /** Runs one case: what it threw, or null when it passed. */
        private Throwable runCase(ReflectiveInvocationContext<Method> invocation, LlmCase c, TestSession session) {
            return RunAhead.invoke(invocation, arguments(invocation, c, session));
        }

        private Object[] arguments(ReflectiveInvocationContext<Method> invocation, LlmCase c, TestSession session) {
            Object[] args = invocation.getArguments().toArray();
            Parameter[] parameters = invocation.getExecutable().getParameters();
            for (int i = 0; i < args.length; i++) {
                if (parameters[i].getType() == LlmCase.class) {
                    args[i] = c;
                } else if (parameters[i].getType() == Llm.class) {
                    args[i] = new DefaultLlm(session, model == null ? session.settings().model() : model,
                            Llm.DEFAULT_OPTIONS);
                }
            }
            return args;
        }

        synchronized Outcome outcome(String caseId) {
            return outcomes.get(caseId);
        }

        synchronized DatasetGate gate() {
            return gate;
        }
    }

    /** One case's test: named by its id, resolves its parameters, and reports its outcome. */
    private static final class CaseInvocation implements TestTemplateInvocationContext {
        private final Run run;
        private final LlmCase c;

        CaseInvocation(Run run, LlmCase c) {
            this.run = run;
            this.c = c;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + (run.model == null ? "" : run.model + ", ") + c.id() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new CaseParameters(run.model, c), new Reporter(run, c));
        }
    }

    /** Resolves {@link LlmCase} and, when models are compared, {@link Llm} parameters of one case's test. */
    private static final class CaseParameters implements ParameterResolver {
        private final String model;
        private final LlmCase c;

        CaseParameters(String model, LlmCase c) {
            this.model = model;
            this.c = c;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            Class<?> type = parameterContext.getParameter().getType();
            return type == LlmCase.class || type == Llm.class;
        }

        /**
         * The case; for an {@code Llm}, nothing: the method never runs with what JUnit resolved, but with the
         * arguments {@link Run} gives it (the case's client, bound to the session the case runs in), so no session
         * is made here for a client no call would use.
         */
        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == LlmCase.class ? c : null;
        }
    }

    /** Runs the cases ahead (first invocation) and reports this case's outcome under the gate. */
    private static final class Reporter implements InvocationInterceptor {
        private final Run run;
        private final LlmCase c;

        Reporter(Run run, LlmCase c) {
            this.run = run;
            this.c = c;
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                                ReflectiveInvocationContext<Method> invocationContext,
                                                ExtensionContext context) throws Throwable {
            try {
                run.runAll(invocationContext, context);
            } finally {
                invocation.skip();
            }
            Outcome outcome = run.outcome(c.id());
            DatasetGate gate = run.gate();
            TestSession session = outcome.session();
            session.release(context);
            Transcripts.showSession(context, session);
            CallReports.publishExtractions(session);
            Throwable thrown = outcome.thrown();
            String result = thrown == null ? DatasetEntry.PASSED : thrown instanceof TestAbortedException
                    ? DatasetEntry.ABORTED : !(thrown instanceof AssertionError) ? DatasetEntry.ERROR
                    : gate.held() ? DatasetEntry.TOLERATED : DatasetEntry.FAILED;
            context.publishReportEntry(DatasetEntry.KEY, entry(session, result, thrown, gate).publish());
            DatasetBaseline.Regression regression = run.regression();
            if (regression != null && regression.cases().contains(c.id())) {
                throw new AssertionFailedError(regression.message() + "\n\n" + c.id() + ": " + message(thrown),
                        thrown);
            }
            if (thrown == null) {
                LatencyBudgets.check(context, session.calls());
                return;
            }
            if (result.equals(DatasetEntry.TOLERATED)) {
                throw new TestAbortedException("failed; tolerated: " + gate.headline() + "\n"
                        + message(thrown), thrown);
            }
            if (result.equals(DatasetEntry.FAILED)) {
                AssertionFailedError failure = new AssertionFailedError(message(thrown) + "\n\n@LlmDataset "
                        + run.plan.dataset().name() + (run.model == null ? "" : " on " + run.model) + ": "
                        + gate.verdict(), thrown);
                failure.setStackTrace(thrown.getStackTrace());
                throw failure;
            }
            throw thrown;
        }

        private DatasetEntry entry(TestSession session, String result, Throwable thrown, DatasetGate gate) {
            ObjectNode expected = Jsons.object();
            c.fields().properties().forEach(e -> {
                if (!List.of("id", "tags", "question", "messages").contains(e.getKey())) {
                    expected.set(e.getKey(), e.getValue());
                }
            });
            List<String> extracted = new ArrayList<>();
            for (LlmCall call : session.calls()) {
                session.extractions(call.answer()).forEach(x -> extracted.add(x.what() + ": " + x.value()));
            }
            return new DatasetEntry(run.plan.dataset().location(), session.testId(),
                    run.model == null ? session.settings().model() : run.model, c.id(), c.tags(), result,
                    thrown == null ? null : DatasetGate.firstLine(thrown), question(), expected, extracted,
                    gate.entry(run.plan.dataset().name()));
        }

        private String question() {
            JsonNode question = c.get("question");
            if (!question.isMissingNode() && !question.isNull()) {
                return Texts.clip(question.isValueNode() ? question.asText() : question.toString(), 2000);
            }
            JsonNode messages = c.get("messages");
            String last = null;
            for (JsonNode m : messages) {
                if ("user".equals(m.path("role").asText())) {
                    last = m.path("content").asText();
                }
            }
            return last == null ? null : Texts.clip(last, 2000);
        }

        private static String message(Throwable thrown) {
            String message = thrown.getMessage();
            return message == null || message.isBlank() ? thrown.getClass().getName() : message.strip();
        }
    }
}
