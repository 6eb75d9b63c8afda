package io.github.llmtest.internal.report;

import io.github.llmtest.internal.SettingNames;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The baseline settings as the report and {@code @LlmDataset} read them, with one message for each mistake. */
public final class BaselineSettings {

    private BaselineSettings() {
    }

    /**
     * @param value the value of {@code llmtest.baseline.alpha}
     * @return it as a level
     * @throws IllegalArgumentException naming the setting and the remedy when it is not a number in (0, 1)
     */
    public static double alpha(String value) {
        if (value == null || value.isBlank()) {
            return SettingNames.DEFAULT_BASELINE_ALPHA;
        }
        try {
            double alpha = Double.parseDouble(value.strip());
            if (alpha > 0 && alpha < 1) {
                return alpha;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException(SettingNames.BASELINE_ALPHA + "=" + value + " is not a level between 0 "
                + "and 1; use for example " + SettingNames.BASELINE_ALPHA + "=0.05");
    }

    /**
     * @param value the value of {@code llmtest.baseline.fail}
     * @return whether a significant regression fails its cases
     * @throws IllegalArgumentException when it is neither {@code true} nor {@code false}
     */
    public static boolean fail(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(SettingNames.BASELINE_FAIL + "=" + value + " is neither true nor false");
    }

    /** The report's comparison with the baseline, or null without one or when it cannot be read (warned). */
    static SinceBaseline since(String path, String alpha, List<ReportedTest> tests, Consumer<String> warn) {
        if (path == null) {
            return null;
        }
        try {
            return SinceBaseline.of(tests, Baseline.read(Path.of(path)), alpha(alpha));
        } catch (IllegalArgumentException e) {
            warn.accept("no \"Since the baseline\" section: " + e.getMessage());
            return null;
        }
    }
}
