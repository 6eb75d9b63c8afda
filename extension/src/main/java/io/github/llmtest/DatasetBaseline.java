package io.github.llmtest;

import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.report.Baseline;
import io.github.llmtest.internal.report.BaselineSettings;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link LlmDataset} on one model against the baseline ({@code llmtest.baseline}), when
 * {@code llmtest.baseline.fail=true}: a significant regression fails the invocations of the cases that passed in the
 * baseline and fail now, each naming the dataset, every such case and the p-value, so Surefire shows the failure on
 * the very cases that regressed. Without the setting, the baseline is the report's business only.
 */
final class DatasetBaseline {

    /**
     * A significant regression.
     *
     * @param cases   the ids of the cases that regressed
     * @param message the failure message
     */
    record Regression(Set<String> cases, String message) {
    }

    private DatasetBaseline() {
    }

    /**
     * @param context the invocation's context (settings and the run's store)
     * @param test    the test method, as {@code com.example.FooTest#solves}
     * @param dataset the dataset as the annotation names it
     * @param model   the model
     * @param now     case id to whether it passed, for the cases judged
     * @return the regression that fails, or empty
     */
    static Optional<Regression> judge(ExtensionContext context, String test, String dataset, String model,
                                      Map<String, Boolean> now) {
        String path = context.getConfigurationParameter(SettingNames.BASELINE).map(String::strip)
                .filter(v -> !v.isEmpty()).orElse(null);
        boolean fail;
        double alpha;
        try {
            fail = BaselineSettings.fail(context.getConfigurationParameter(SettingNames.BASELINE_FAIL).orElse(null));
            alpha = BaselineSettings.alpha(context.getConfigurationParameter(SettingNames.BASELINE_ALPHA)
                    .orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        if (!fail) {
            return Optional.empty();
        }
        if (path == null) {
            throw new ExtensionConfigurationException(SettingNames.BASELINE_FAIL + "=true needs "
                    + SettingNames.BASELINE + "=path/to/report.json: the previous run to compare with");
        }
        Baseline baseline = ExtensionStore.computeIfAbsent(ExtensionStore.root(context), "baseline:" + path,
                () -> read(path), Baseline.class);
        return baseline.since(test, dataset, model, now).filter(s -> s.regressedSignificantly(alpha))
                .map(s -> new Regression(Set.copyOf(s.regressed()), s.message(dataset, model, baseline.path(),
                        alpha)));
    }

    private static Baseline read(String path) {
        try {
            return Baseline.read(Path.of(path));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }
}
