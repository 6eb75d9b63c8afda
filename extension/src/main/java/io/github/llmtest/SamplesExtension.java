package io.github.llmtest;

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

    static final String SAMPLES_KEY = "llmtest.samples";

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        Samples samples = AnnotationSupport.findAnnotation(invocationContext.getExecutable(), Samples.class)
                .orElseThrow();
        validate(samples, context);
        CallSite site = LlmExtension.site(context);
        List<String> failures = new ArrayList<>();
        List<Integer> failedSamples = new ArrayList<>();
        try {
            for (int index = 0; index < samples.value(); index++) {
                site.startSample(index);
                try {
                    ReflectionSupport.invokeMethod(invocationContext.getExecutable(),
                            invocationContext.getTarget().orElse(null), invocationContext.getArguments().toArray());
                } catch (AssertionError e) {
                    failedSamples.add(index);
                    failures.add("sample #" + (index + 1) + " (seed offset +" + index + "): "
                            + firstLines(e.getMessage()));
                }
            }
        } finally {
            invocation.skip();
        }
        int passed = samples.value() - failures.size();
        double rate = passed / (double) samples.value();
        double[] interval = wilson(passed, samples.value());
        String summary = String.format(Locale.ROOT, "%d of %d samples passed (%.0f%%, 95%% interval %.0f%%–%.0f%%); "
                        + "required at least %.0f%%", passed, samples.value(), rate * 100, interval[0] * 100,
                interval[1] * 100, samples.minPassRate() * 100);
        com.fasterxml.jackson.databind.node.ObjectNode entry = Fixtures.MAPPER.createObjectNode()
                .put("samples", samples.value()).put("passed", passed).put("rate", rate)
                .put("interval_low", interval[0]).put("interval_high", interval[1])
                .put("min_pass_rate", samples.minPassRate()).put("summary", summary);
        failedSamples.forEach(entry.putArray("failed_samples")::add);
        context.publishReportEntry(SAMPLES_KEY, entry.toString());
        if (rate + 1e-12 < samples.minPassRate()) {
            throw new AssertionFailedError("@Samples: " + summary + ".\nFailing samples:\n  "
                    + String.join("\n  ", failures));
        }
    }

    private static void validate(Samples samples, ExtensionContext context) {
        if (samples.value() < 1) {
            throw new ExtensionConfigurationException("@Samples requires `value` to be at least 1, but was "
                    + samples.value());
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

    /** The 95% Wilson score interval of a pass rate. */
    static double[] wilson(int passed, int total) {
        double z = 1.959963984540054;
        double p = passed / (double) total;
        double z2n = z * z / total;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(p * (1 - p) / total + z2n / (4.0 * total)) / (1 + z2n);
        double low = passed == 0 ? 0 : Math.max(0, centre - half);
        double high = passed == total ? 1 : Math.min(1, centre + half);
        return new double[] {low, high};
    }

    private static String firstLines(String message) {
        if (message == null) {
            return "(no message)";
        }
        String trimmed = message.strip();
        return trimmed.length() <= 600 ? trimmed.replace("\n", "\n    ") : trimmed.substring(0, 600).replace("\n", "\n    ") + "…";
    }
}
