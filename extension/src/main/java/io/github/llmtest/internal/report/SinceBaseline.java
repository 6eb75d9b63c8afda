package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run report's "Since the baseline" section: each dataset and model against the same in the baseline (cases that
 * flipped each way by id, the exact McNemar p-value over the cases both runs judged, how many were added or
 * removed), and each {@code @Samples} test's pass rate against the baseline's (Fisher's exact test).
 *
 * @param baseline the baseline
 * @param alpha    the level a change is significant at
 * @param datasets the datasets and models the baseline has too
 * @param samples  the sampled tests the baseline has too
 */
record SinceBaseline(Baseline baseline, double alpha, List<DatasetChange> datasets, List<SamplesChange> samples) {

    /** A dataset on a model since the baseline. */
    record DatasetChange(String test, String dataset, String model, Baseline.Since since) {
    }

    /** A sampled test's pass rate since the baseline. */
    record SamplesChange(String test, int beforePassed, int beforeSamples, int passed, int samples, double p) {

        double before() {
            return beforeSamples == 0 ? 0 : beforePassed / (double) beforeSamples;
        }

        double after() {
            return samples == 0 ? 0 : passed / (double) samples;
        }
    }

    static SinceBaseline of(List<ReportedTest> tests, Baseline baseline, double alpha) {
        List<DatasetChange> datasets = new ArrayList<>();
        for (DatasetSections.Section s : DatasetSections.of(tests)) {
            s.byModel().forEach((model, cases) -> {
                Map<String, Boolean> now = new LinkedHashMap<>();
                cases.stream().filter(c -> !DatasetEntry.ABORTED.equals(c.outcome()))
                        .forEach(c -> now.put(c.caseId(), DatasetEntry.PASSED.equals(c.outcome())));
                baseline.since(s.test(), s.dataset(), model, now)
                        .ifPresent(since -> datasets.add(new DatasetChange(s.test(), s.dataset(), model, since)));
            });
        }
        List<SamplesChange> samples = new ArrayList<>();
        for (ReportedTest t : tests) {
            if (t.samples != null) {
                baseline.sampled(t.name()).ifPresent(b -> samples.add(new SamplesChange(t.name(), b.passed(),
                        b.samples(), t.samples.passed(), t.samples.samples(),
                        Baseline.fisher(b, t.samples.passed(), t.samples.samples()))));
            }
        }
        return new SinceBaseline(baseline, alpha, List.copyOf(datasets), List.copyOf(samples));
    }

    boolean isEmpty() {
        return datasets.isEmpty() && samples.isEmpty();
    }

    private boolean significant(DatasetChange d) {
        return d.since().paired().p() < alpha;
    }

    void json(ObjectNode root) {
        ObjectNode node = root.putObject("since_baseline").put("baseline", baseline.path().toString())
                .put("alpha", alpha);
        ArrayNode list = node.putArray("datasets");
        for (DatasetChange d : datasets) {
            Baseline.Since s = d.since();
            ObjectNode n = list.addObject().put("test", d.test()).put("dataset", d.dataset()).put("model", d.model())
                    .put("cases", s.common()).put("before_passed", s.beforePassed())
                    .put("after_passed", s.afterPassed()).put("before_accuracy", s.paired().first())
                    .put("after_accuracy", s.paired().second()).put("difference", -s.paired().difference())
                    .put("interval_low", -s.paired().interval().high())
                    .put("interval_high", -s.paired().interval().low()).put("p", s.paired().p())
                    .put("added", s.added()).put("removed", s.removed())
                    .put("significant_regression", s.regressedSignificantly(alpha))
                    .put("significant_improvement", significant(d) && s.improved().size() > s.regressed().size());
            s.regressed().forEach(n.putArray("regressed")::add);
            s.improved().forEach(n.putArray("improved")::add);
        }
        ArrayNode sampled = node.putArray("samples");
        for (SamplesChange c : samples) {
            sampled.addObject().put("test", c.test()).put("before_passed", c.beforePassed())
                    .put("before_samples", c.beforeSamples()).put("after_passed", c.passed())
                    .put("after_samples", c.samples()).put("before_rate", c.before()).put("after_rate", c.after())
                    .put("p", c.p()).put("significant", c.p() < alpha);
        }
    }

    void markdown(StringBuilder out) {
        if (isEmpty()) {
            return;
        }
        out.append("\n### Since the baseline\n\nAgainst `").append(Reports.cell(baseline.path().toString()))
                .append("`; ✱ significant at ").append(alpha).append(".\n");
        if (!datasets.isEmpty()) {
            out.append("\n| test on dataset | model | before → after | regressed / improved | p | left out |\n"
                    + "|---|---|---|---|---|---|\n");
            for (DatasetChange d : datasets) {
                Baseline.Since s = d.since();
                out.append("| ").append(Reports.cell(LlmReportListener.shortTest(d.test()) + " on " + d.dataset()))
                        .append(" | ").append(Reports.cell(d.model())).append(" | ")
                        .append(Pairwise.percent(s.paired().first())).append(" → ")
                        .append(Pairwise.percent(s.paired().second())).append(" of ").append(s.common())
                        .append(" | ").append(ids(s.regressed())).append(" / ").append(ids(s.improved()))
                        .append(" | ").append(Pairwise.pValue(s.paired().p())).append(significant(d) ? " ✱" : "")
                        .append(" | ").append(leftOut(s)).append(" |\n");
            }
        }
        if (!samples.isEmpty()) {
            out.append("\n| sampled test | before → after | p (Fisher) |\n|---|---|---|\n");
            for (SamplesChange c : samples) {
                out.append("| ").append(Reports.cell(c.test())).append(" | ").append(c.beforePassed()).append('/')
                        .append(c.beforeSamples()).append(" → ").append(c.passed()).append('/').append(c.samples())
                        .append(" | ").append(Pairwise.pValue(c.p())).append(c.p() < alpha ? " ✱" : "")
                        .append(" |\n");
            }
        }
    }

    void html(StringBuilder out) {
        if (isEmpty()) {
            return;
        }
        out.append("<h2 id=\"baseline\">Since the baseline</h2>\n<p class=\"note\">Against ");
        HtmlReport.escape(baseline.path().toString(), out);
        out.append(String.format(Locale.ROOT, "; significant at %s. Datasets: exact McNemar test over the cases both "
                + "runs judged; sampled tests: Fisher's exact test on the pass rates.</p>%n", alpha));
        if (!datasets.isEmpty()) {
            out.append("<div class=\"scroll\"><table><thead><tr><th>test on dataset</th><th>model</th><th>before"
                    + "</th><th>after</th><th>p</th><th>regressed (passed, now fail)</th><th>improved</th>"
                    + "<th>left out</th></tr></thead><tbody>\n");
            for (DatasetChange d : datasets) {
                Baseline.Since s = d.since();
                out.append(s.regressedSignificantly(alpha) ? "<tr class=\"failed\"><td>" : "<tr><td>");
                HtmlReport.escape(LlmReportListener.shortTest(d.test()) + " on " + d.dataset(), out);
                out.append("</td><td>");
                HtmlReport.escape(d.model(), out);
                out.append("</td><td class=\"num\">").append(Pairwise.percent(s.paired().first()))
                        .append("</td><td class=\"num\">").append(Pairwise.percent(s.paired().second()))
                        .append("</td><td class=\"num\">").append(Pairwise.pValue(s.paired().p()))
                        .append(significant(d) ? " ✱" : "").append("</td><td>");
                HtmlReport.escape(Pairwise.ids(s.regressed()), out);
                out.append("</td><td>");
                HtmlReport.escape(Pairwise.ids(s.improved()), out);
                out.append("</td><td>").append(leftOut(s)).append("</td></tr>\n");
            }
            out.append("</tbody></table></div>\n");
        }
        if (!samples.isEmpty()) {
            out.append("<table><thead><tr><th>sampled test</th><th>before</th><th>after</th><th>p (Fisher)</th>"
                    + "</tr></thead><tbody>\n");
            for (SamplesChange c : samples) {
                out.append("<tr><td>");
                HtmlReport.escape(c.test(), out);
                out.append("</td><td class=\"num\">").append(c.beforePassed()).append('/').append(c.beforeSamples())
                        .append("</td><td class=\"num\">").append(c.passed()).append('/').append(c.samples())
                        .append("</td><td class=\"num\">").append(Pairwise.pValue(c.p()))
                        .append(c.p() < alpha ? " ✱" : "").append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }
    }

    /** The console's lines: significant changes only. */
    List<String> console() {
        List<String> lines = new ArrayList<>();
        for (DatasetChange d : datasets) {
            Baseline.Since s = d.since();
            if (significant(d)) {
                lines.add(String.format(Locale.ROOT, "[llmtest] since the baseline: %s on %s, %s: %s → %s, %d "
                                + "regressed (%s), %d improved (p = %s)", LlmReportListener.shortTest(d.test()),
                        d.dataset(), d.model(), Pairwise.percent(s.paired().first()),
                        Pairwise.percent(s.paired().second()), s.regressed().size(), Pairwise.ids(s.regressed()),
                        s.improved().size(), Pairwise.pValue(s.paired().p())));
            }
        }
        for (SamplesChange c : samples) {
            if (c.p() < alpha) {
                lines.add(String.format(Locale.ROOT, "[llmtest] since the baseline: %s passed %d/%d, now %d/%d "
                        + "(Fisher p = %s)", c.test(), c.beforePassed(), c.beforeSamples(), c.passed(), c.samples(),
                        Pairwise.pValue(c.p())));
            }
        }
        return lines;
    }

    /** "13 (p18, p19, p20, p21, p22, …)", or "0". */
    private static String ids(List<String> ids) {
        if (ids.isEmpty()) {
            return "0";
        }
        List<String> shown = ids.subList(0, Math.min(Pairwise.MD_IDS, ids.size()));
        return ids.size() + " (" + String.join(", ", shown) + (ids.size() > shown.size() ? ", …" : "") + ")";
    }

    private static String leftOut(Baseline.Since s) {
        return s.added() == 0 && s.removed() == 0 ? "–" : s.added() + " new, " + s.removed() + " gone";
    }
}
