package io.github.llmtest;

import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.report.SamplesEntry;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Runs a {@link Samples @Samples} test body once per sample and decides by the pass rate. */
final class SamplesExtension implements InvocationInterceptor {

    /**
     * A {@link CompareModels @CompareModels} invocation samples too, one model per invocation, so that the report
     * can pair the models' samples by index; an {@link LlmDataset @LlmDataset} case does not (its cases are the
     * repetitions).
     */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        Method method = invocationContext.getExecutable();
        if (AnnotationSupport.isAnnotated(method, CompareModels.class)
                && !AnnotationSupport.isAnnotated(method, LlmDataset.class)) {
            sample(invocation, invocationContext, context, ModelsAhead.of(context).orElse(null));
        } else {
            invocation.proceed();
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        sample(invocation, invocationContext, context, null);
    }

    /**
     * Samples the test and decides by the pass rate. In a {@link CompareModels @CompareModels} invocation
     * ({@code models} not null), every model's samples run ahead together at the first invocation when
     * {@link ModelsAhead} lets them, and each invocation judges its own model's.
     */
    private static void sample(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                               ExtensionContext context, ModelsAhead models) throws Throwable {
        Samples samples = AnnotationSupport.findAnnotation(invocationContext.getExecutable(), Samples.class)
                .orElseThrow();
        validate(samples, context);
        TestSession session = LlmExtension.session(context);
        Method method = invocationContext.getExecutable();
        List<String> failures = new ArrayList<>();
        List<Integer> failedSamples = new ArrayList<>();
        List<LlmCall> aheadCalls = null;
        try {
            String model = model(invocationContext);
            Optional<ModelsAhead.Outcomes> ran = models == null || model == null ? Optional.empty()
                    : models.outcomes(context, invocationContext, model, samples.value(),
                            index -> LlmExtension.sampleSession(context, index));
            int size = ran.isPresent() ? 1 : poolSize(method, session, model, samples.value());
            if (ran.isPresent()) {
                aheadCalls = report(context, ran.get().sessions(), ran.get().thrown(), failures, failedSamples);
            } else if (size > 1) {
                aheadCalls = runAhead(invocationContext, context, samples.value(), size, failures, failedSamples);
            } else {
                for (int index = 0; index < samples.value(); index++) {
                    session.startSample(index);
                    try {
                        ReflectionSupport.invokeMethod(method, invocationContext.getTarget().orElse(null),
                                invocationContext.getArguments().toArray());
                    } catch (AssertionError e) {
                        failed(index, e, failures, failedSamples);
                    }
                }
            }
        } finally {
            invocation.skip();
        }
        int passed = samples.value() - failures.size();
        double rate = passed / (double) samples.value();
        Interval interval = wilson(passed, samples.value());
        String summary = String.format(Locale.ROOT, "%d of %d samples passed (%.0f%%, 95%% interval %.0f%%–%.0f%%); "
                        + "required at least %.0f%%", passed, samples.value(), rate * 100, interval.low() * 100,
                interval.high() * 100, samples.minPassRate() * 100);
        SamplesEntry entry = new SamplesEntry(samples.value(), passed, rate, interval.low(), interval.high(),
                samples.minPassRate(), summary, failedSamples);
        context.publishReportEntry(SamplesEntry.KEY, Jsons.compact(entry.toJson()));
        AssertionFailedError verdict = rate + 1e-12 < samples.minPassRate()
                ? new AssertionFailedError("@Samples: " + summary + ".\nFailing samples:\n  "
                        + String.join("\n  ", failures)) : null;
        if (aheadCalls != null) { // the samples' calls are not the test session's: judge their budgets here
            try {
                LlmExtension.checkBudgets(context, aheadCalls);
            } catch (AssertionFailedError e) {
                if (verdict == null) {
                    throw e;
                }
                verdict.addSuppressed(e);
            }
        }
        if (verdict != null) {
            throw verdict;
        }
    }

    private static void failed(int index, AssertionError e, List<String> failures, List<Integer> failedSamples) {
        failedSamples.add(index);
        failures.add(SamplesEntry.label(index) + " (seed offset +" + index + "): " + firstLines(e.getMessage()));
    }

    /**
     * How many samples run at once: one (on the test's thread, one after another) in replay mode, which makes no
     * call, when the method has no {@link Llm} parameter to give each sample its own session, when it has an
     * {@link LlmServer} parameter (the server attributes calls to the running test, not to a sample), and when the
     * provider of the model asked (in a {@link CompareModels @CompareModels} invocation, the invocation's) takes one
     * request at a time; otherwise as many as that provider lets be in flight, at most
     * {@link LlmDataset#DEFAULT_PARALLELISM}.
     */
    private static int poolSize(Method method, TestSession session, String model, int samples) {
        List<Class<?>> types = List.of(method.getParameterTypes());
        if (samples == 1 || model == null || session.settings().mode() == LlmMode.REPLAY
                || !types.contains(Llm.class) || types.contains(LlmServer.class)) {
            return 1;
        }
        return RunAhead.poolSize(session, model, LlmDataset.DEFAULT_PARALLELISM, samples);
    }

    /** The model the method's first {@link Llm} argument asks (in a comparison, the invocation's), or null. */
    private static String model(ReflectiveInvocationContext<Method> invocation) {
        return invocation.getArguments().stream().filter(Llm.class::isInstance).map(a -> ((Llm) a).model())
                .findFirst().orElse(null);
    }

    /**
     * Runs every sample ahead, each in a session of its own, concurrently; then, in sample order, publishes each
     * sample's report entries on the test and notes its failure. A sample that threw anything but an assertion
     * error ends the test with it (the first such, in sample order), as it would have one after another.
     *
     * @return the calls of every sample, in sample order
     */
    private static List<LlmCall> runAhead(ReflectiveInvocationContext<Method> invocation, ExtensionContext context,
                                          int samples, int size, List<String> failures, List<Integer> failedSamples)
            throws Throwable {
        List<TestSession> sessions = new ArrayList<>(samples);
        for (int index = 0; index < samples; index++) {
            sessions.add(LlmExtension.sampleSession(context, index));
        }
        Throwable[] thrown = RunAhead.concurrently(context, sessions, size, "llmtest-samples",
                i -> RunAhead.invoke(invocation, arguments(invocation, sessions.get(i))));
        return report(context, sessions, Arrays.asList(thrown), failures, failedSamples);
    }

    /**
     * In sample order, publishes each sample's report entries on the test and notes its failure. A sample that threw
     * anything but an assertion error ends the test with it (the first such, in sample order), as it would have one
     * after another.
     *
     * @return the calls of every sample, in sample order
     */
    private static List<LlmCall> report(ExtensionContext context, List<TestSession> sessions, List<Throwable> thrown,
                                        List<String> failures, List<Integer> failedSamples) throws Throwable {
        List<LlmCall> calls = new ArrayList<>();
        Throwable other = null;
        for (int index = 0; index < sessions.size(); index++) {
            TestSession sample = sessions.get(index);
            sample.release(context);
            CallReports.publishExtractions(sample);
            calls.addAll(sample.calls());
            if (thrown.get(index) instanceof AssertionError e) {
                failed(index, e, failures, failedSamples);
            } else if (thrown.get(index) != null && other == null) {
                other = thrown.get(index);
            }
        }
        if (other != null) {
            throw other;
        }
        return calls;
    }

    /** The test's arguments, each {@link Llm} bound to the sample's own session for the model it asks. */
    private static Object[] arguments(ReflectiveInvocationContext<Method> invocation, TestSession sample) {
        Object[] args = invocation.getArguments().toArray();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Llm llm) {
                args[i] = new DefaultLlm(sample, llm.model(), Llm.DEFAULT_OPTIONS);
            }
        }
        return args;
    }

    private static void validate(Samples samples, ExtensionContext context) {
        if (samples.value() < 1 || samples.value() > Samples.MAX) {
            throw new ExtensionConfigurationException("@Samples requires `value` to be from 1 to " + Samples.MAX
                    + ", but was " + samples.value());
        }
        if (!(samples.minPassRate() >= 0 && samples.minPassRate() <= 1)) {
            throw new ExtensionConfigurationException("@Samples requires `minPassRate` to be between 0 and 1, but "
                    + "was " + samples.minPassRate());
        }
        if (Settings.annotations(context).isEmpty()) {
            throw new ExtensionConfigurationException("@Samples requires @LlmTest on the test method or its class; "
                    + "without it there is no Llm to sample");
        }
    }

    /** A confidence interval of a rate, both ends between 0 and 1. */
    record Interval(double low, double high) {
    }

    /** The 95% Wilson score interval of a pass rate. */
    static Interval wilson(int passed, int total) {
        double z = 1.959963984540054;
        double p = passed / (double) total;
        double z2n = z * z / total;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(p * (1 - p) / total + z2n / (4.0 * total)) / (1 + z2n);
        double low = passed == 0 ? 0 : Math.max(0, centre - half);
        double high = passed == total ? 1 : Math.min(1, centre + half);
        return new Interval(low, high);
    }

    private static String firstLines(String message) {
        if (message == null) {
            return "(no message)";
        }
        return Texts.clip(message.strip(), 600).replace("\n", "\n    ");
    }
}
