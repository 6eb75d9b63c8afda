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
import java.util.List;
import java.util.Locale;

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
            interceptTestMethod(invocation, invocationContext, context);
        } else {
            invocation.proceed();
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        Samples samples = AnnotationSupport.findAnnotation(invocationContext.getExecutable(), Samples.class)
                .orElseThrow();
        validate(samples, context);
        TestSession session = LlmExtension.session(context);
        List<String> failures = new ArrayList<>();
        List<Integer> failedSamples = new ArrayList<>();
        try {
            for (int index = 0; index < samples.value(); index++) {
                session.startSample(index);
                try {
                    ReflectionSupport.invokeMethod(invocationContext.getExecutable(),
                            invocationContext.getTarget().orElse(null), invocationContext.getArguments().toArray());
                } catch (AssertionError e) {
                    failedSamples.add(index);
                    failures.add(SamplesEntry.label(index) + " (seed offset +" + index + "): "
                            + firstLines(e.getMessage()));
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
        if (rate + 1e-12 < samples.minPassRate()) {
            throw new AssertionFailedError("@Samples: " + summary + ".\nFailing samples:\n  "
                    + String.join("\n  ", failures));
        }
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
