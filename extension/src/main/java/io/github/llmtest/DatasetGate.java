package io.github.llmtest;

import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.report.DatasetEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gate of an {@link LlmDataset} on one model: the accuracy over the cases judged (those that passed, failed or
 * threw; aborted cases are left out), with its 95% Wilson interval, overall and per tag, against the minimums.
 */
final class DatasetGate {

    /** The failing cases a verdict lists; the run report lists them all. */
    private static final int LISTED = 20;

    /**
     * One case judged.
     *
     * @param id     the case's id
     * @param tags   its tags
     * @param passed whether it passed
     * @param thrown what it threw, or null
     */
    record Result(String id, List<String> tags, boolean passed, Throwable thrown) {
    }

    private final DatasetEntry.Accuracy overall;
    private final List<DatasetEntry.Accuracy> perTag;
    private final boolean judgedPerTag;
    private final List<Result> failing;
    /** Judged once: every case of the run reports the same verdict, so it is written once, not once a case. */
    private volatile String verdict;
    private volatile String headline;
    private volatile DatasetEntry.Gate entry;

    private DatasetGate(DatasetEntry.Accuracy overall, List<DatasetEntry.Accuracy> perTag, boolean judgedPerTag,
                        List<Result> failing) {
        this.overall = overall;
        this.perTag = perTag;
        this.judgedPerTag = judgedPerTag;
        this.failing = failing;
    }

    static DatasetGate judge(List<Result> results, double minAccuracy, double minAccuracyPerTag) {
        DatasetEntry.Accuracy overall = accuracy("all", results, minAccuracy);
        Map<String, List<Result>> byTag = new LinkedHashMap<>();
        for (Result r : results) {
            r.tags().forEach(t -> byTag.computeIfAbsent(t, k -> new ArrayList<>()).add(r));
        }
        List<DatasetEntry.Accuracy> perTag = new ArrayList<>();
        byTag.forEach((tag, rs) -> perTag.add(accuracy(tag, rs, minAccuracyPerTag)));
        return new DatasetGate(overall, perTag, minAccuracyPerTag > 0,
                results.stream().filter(r -> !r.passed()).toList());
    }

    private static DatasetEntry.Accuracy accuracy(String label, List<Result> results, double min) {
        int passed = (int) results.stream().filter(Result::passed).count();
        int total = results.size();
        SamplesExtension.Interval interval = total == 0 ? new SamplesExtension.Interval(0, 1)
                : SamplesExtension.wilson(passed, total);
        boolean held = total == 0 || passed / (double) total + 1e-12 >= min;
        return new DatasetEntry.Accuracy(label, passed, total, interval.low(), interval.high(), min, held);
    }

    boolean held() {
        return overall.held() && perTag.stream().allMatch(DatasetEntry.Accuracy::held);
    }

    /** "37 of 40 passed, 92.5% ≥ 85% (95% interval 80.1%–97.4%)". */
    String headline() {
        String known = headline;
        if (known == null) {
            known = headlineNow();
            headline = known;
        }
        return known;
    }

    private String headlineNow() {
        return describe(overall, "passed") + (judgedPerTag && perTag.stream().allMatch(DatasetEntry.Accuracy::held)
                ? "; every tag ≥ " + percent(perTag.isEmpty() ? 0 : perTag.get(0).min()) : "");
    }

    /** The whole verdict: held or failed, overall, each tag judged, and the failing cases with their first line. */
    String verdict() {
        String known = verdict;
        if (known == null) {
            known = verdictNow();
            verdict = known;
        }
        return known;
    }

    private String verdictNow() {
        StringBuilder out = new StringBuilder("gate ").append(held() ? "held" : "failed").append(": ")
                .append(describe(overall, "passed"));
        if (judgedPerTag) {
            out.append("\nper tag:");
            perTag.forEach(a -> out.append("\n  ").append(a.held() ? "✓ " : "✗ ").append(a.label()).append(": ")
                    .append(describe(a, "passed")));
        }
        if (!failing.isEmpty()) {
            out.append("\nfailing cases (").append(failing.size()).append("):");
            failing.stream().limit(LISTED).forEach(r -> out.append("\n  ").append(r.id()).append(": ")
                    .append(firstLine(r.thrown())));
            if (failing.size() > LISTED) {
                out.append("\n  … and ").append(failing.size() - LISTED).append(" more in the run report");
            }
        }
        return out.toString();
    }

    /** The gate as the run report keeps it; the same for every case of the run, so made once. */
    DatasetEntry.Gate entry(String dataset) {
        DatasetEntry.Gate known = entry;
        if (known == null || !known.verdict().startsWith(dataset + ": ")) {
            known = new DatasetEntry.Gate(held(), dataset + ": " + verdict(), overall, perTag);
            entry = known;
        }
        return known;
    }

    private static String describe(DatasetEntry.Accuracy a, String verb) {
        return String.format(Locale.ROOT, "%d of %d %s, %s %s %s (95%% interval %s–%s)", a.passed(), a.total(), verb,
                percent(a.rate()), a.held() ? "≥" : "<", percent(a.min()), percent(a.low()), percent(a.high()));
    }

    /** 0.925 as "92.5%", 0.85 as "85%". */
    static String percent(double rate) {
        String text = String.format(Locale.ROOT, "%.1f", rate * 100);
        return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + "%";
    }

    /** The first line of what a case threw: its message's, or the exception's name. */
    static String firstLine(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        String message = thrown.getMessage();
        if (message == null || message.isBlank()) {
            return thrown.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        String prefix = thrown instanceof AssertionError ? "" : thrown.getClass().getSimpleName() + ": ";
        return Texts.clip(prefix + line, 300);
    }
}
