package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.stats.Holm;
import io.github.llmtest.internal.stats.Paired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every pair of models compared on the same cases: an {@code @LlmDataset} with {@code @CompareModels} (paired by
 * case id, overall and per tag) and a {@code @CompareModels} test with {@code @Samples} (paired by sample index: the
 * same prompt and seed). Each pair gets the accuracies, the difference with Newcombe's interval, the discordant cases,
 * the exact McNemar p-value, that p-value adjusted by Holm across the pairs of the same test (overall rows only: the
 * per-tag rows are exploratory and say so) and the smallest difference the cases could have detected.
 */
final class Pairwise {

    /** The significance level the report marks differences at. */
    static final double ALPHA = 0.05;
    /** The case ids report.md lists per side of a pair; report.json and report.html list them all. */
    static final int MD_IDS = 5;

    /**
     * One pair of models on one set of cases.
     *
     * @param kind       {@code dataset} or {@code samples}
     * @param test       the test method
     * @param dataset    the dataset, or null for samples
     * @param scope      {@code all} or a tag
     * @param first      the first model, in the order the test names them
     * @param second     the second model
     * @param stats      the figures
     * @param onlyFirst  the cases only the first got right (ids, or sample indexes)
     * @param onlySecond the cases only the second got right
     * @param holm       the Holm-adjusted p-value, NaN for a per-tag row
     */
    record Row(String kind, String test, String dataset, String scope, String first, String second, Paired stats,
               List<String> onlyFirst, List<String> onlySecond, double holm) {

        boolean overall() {
            return "all".equals(scope);
        }

        boolean significant() {
            return overall() && holm < ALPHA;
        }

        String where() {
            return LlmReportListener.shortTest(test) + (dataset == null ? "" : " on " + dataset);
        }
    }

    private Pairwise() {
    }

    static List<Row> of(List<ReportedTest> tests) {
        List<Row> rows = new ArrayList<>();
        for (DatasetSections.Section s : DatasetSections.of(tests)) {
            Map<String, Map<String, DatasetEntry>> byModel = new LinkedHashMap<>();
            s.byModel().forEach((model, cases) -> {
                Map<String, DatasetEntry> judged = new LinkedHashMap<>();
                cases.stream().filter(c -> !DatasetEntry.ABORTED.equals(c.outcome()))
                        .forEach(c -> judged.put(c.caseId(), c));
                byModel.put(model, judged);
            });
            List<Row> family = new ArrayList<>();
            List<String> models = List.copyOf(byModel.keySet());
            for (int i = 0; i < models.size(); i++) {
                for (int j = i + 1; j < models.size(); j++) {
                    Map<String, DatasetEntry> a = byModel.get(models.get(i));
                    Map<String, DatasetEntry> b = byModel.get(models.get(j));
                    family.add(datasetRow(s, models.get(i), models.get(j), a, b, "all", c -> true));
                    for (String tag : s.tags()) {
                        family.add(datasetRow(s, models.get(i), models.get(j), a, b, tag,
                                c -> c.tags().contains(tag)));
                    }
                }
            }
            rows.addAll(adjusted(family));
        }
        rows.addAll(adjusted(samples(tests)));
        return List.copyOf(rows);
    }

    private static Row datasetRow(DatasetSections.Section s, String first, String second,
                                  Map<String, DatasetEntry> a, Map<String, DatasetEntry> b, String scope,
                                  Predicate<DatasetEntry> in) {
        Counts counts = new Counts();
        a.forEach((id, ca) -> {
            DatasetEntry cb = b.get(id);
            if (cb != null && in.test(ca)) {
                counts.add(id, DatasetEntry.PASSED.equals(ca.outcome()), DatasetEntry.PASSED.equals(cb.outcome()));
            }
        });
        return counts.row("dataset", s.test(), s.dataset(), scope, first, second);
    }

    /** The {@code @CompareModels} tests that sampled, paired by sample index. */
    private static List<Row> samples(List<ReportedTest> tests) {
        Map<String, Map<String, SamplesEntry>> byTest = new LinkedHashMap<>();
        for (ReportedTest t : tests) {
            if (t.samples == null || t.calls.isEmpty() || !t.calls.get(0).entry.compared()) {
                continue;
            }
            ReportedCall c = t.calls.get(0);
            byTest.computeIfAbsent(c.test(), k -> new LinkedHashMap<>()).putIfAbsent(c.model(), t.samples);
        }
        List<Row> rows = new ArrayList<>();
        byTest.forEach((test, byModel) -> {
            List<String> models = List.copyOf(byModel.keySet());
            for (int i = 0; i < models.size(); i++) {
                for (int j = i + 1; j < models.size(); j++) {
                    SamplesEntry a = byModel.get(models.get(i));
                    SamplesEntry b = byModel.get(models.get(j));
                    Counts counts = new Counts();
                    for (int k = 0; k < Math.min(a.samples(), b.samples()); k++) {
                        counts.add("sample " + k, !a.failedSamples().contains(k), !b.failedSamples().contains(k));
                    }
                    rows.add(counts.row("samples", test, null, "all", models.get(i), models.get(j)));
                }
            }
        });
        return rows;
    }

    /** Holm across the overall rows of one family (one test's pairs); per-tag rows keep NaN. */
    private static List<Row> adjusted(List<Row> family) {
        List<Row> overall = family.stream().filter(Row::overall).toList();
        double[] holm = Holm.adjust(overall.stream().mapToDouble(r -> r.stats().p()).toArray());
        List<Row> out = new ArrayList<>();
        for (Row r : family) {
            int k = overall.indexOf(r);
            out.add(k < 0 ? r : new Row(r.kind(), r.test(), r.dataset(), r.scope(), r.first(), r.second(),
                    r.stats(), r.onlyFirst(), r.onlySecond(), holm[k]));
        }
        return out;
    }

    /** The 2×2 table of a pair, with the ids of the discordant cases. */
    private static final class Counts {
        private int both;
        private int neither;
        private final List<String> onlyFirst = new ArrayList<>();
        private final List<String> onlySecond = new ArrayList<>();

        void add(String id, boolean first, boolean second) {
            if (first && second) {
                both++;
            } else if (first) {
                onlyFirst.add(id);
            } else if (second) {
                onlySecond.add(id);
            } else {
                neither++;
            }
        }

        Row row(String kind, String test, String dataset, String scope, String first, String second) {
            return new Row(kind, test, dataset, scope, first, second,
                    Paired.of(both, onlyFirst.size(), onlySecond.size(), neither), List.copyOf(onlyFirst),
                    List.copyOf(onlySecond), Double.NaN);
        }
    }

    static void json(List<ReportedTest> tests, ObjectNode root) {
        List<Row> rows = of(tests);
        if (rows.isEmpty()) {
            return;
        }
        ArrayNode list = root.putArray("comparisons");
        for (Row r : rows) {
            Paired p = r.stats();
            ObjectNode node = list.addObject().put("kind", r.kind()).put("test", r.test()).put("dataset", r.dataset())
                    .put("scope", r.scope()).put("first", r.first()).put("second", r.second())
                    .put("cases", p.cases()).put("first_accuracy", p.first()).put("second_accuracy", p.second())
                    .put("difference", p.difference()).put("interval_low", p.interval().low())
                    .put("interval_high", p.interval().high()).put("interval_method", "newcombe-10")
                    .put("both", p.both()).put("only_first", p.onlyFirst()).put("only_second", p.onlySecond())
                    .put("neither", p.neither()).put("p", p.p());
            if (r.overall()) {
                node.put("p_holm", r.holm()).put("significant", r.significant());
            } else {
                node.putNull("p_holm").put("significant", false).put("exploratory", true);
            }
            if (p.detectable().isPresent()) {
                node.put("detectable_difference", p.detectable().getAsDouble());
            } else {
                node.putNull("detectable_difference");
            }
            r.onlyFirst().forEach(node.putArray("only_first_cases")::add);
            r.onlySecond().forEach(node.putArray("only_second_cases")::add);
        }
    }

    /** A table of the overall rows, short enough for a pull-request comment. */
    static void markdown(List<ReportedTest> tests, StringBuilder out) {
        List<Row> rows = of(tests).stream().filter(Row::overall).toList();
        if (rows.isEmpty()) {
            return;
        }
        out.append("\n### Models compared, pair by pair\n\n| test | A vs B | A | B | A − B (95% interval) "
                + "| only A / only B | p (Holm) | detectable |\n|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            Paired p = r.stats();
            out.append("| ").append(Reports.cell(r.where())).append(" | ").append(Reports.cell(r.first()))
                    .append(" vs ").append(Reports.cell(r.second())).append(" | ").append(percent(p.first()))
                    .append(" | ").append(percent(p.second())).append(" | ").append(difference(p)).append(" | ")
                    .append(p.onlyFirst()).append(" / ").append(p.onlySecond()).append(" | ")
                    .append(pValue(p.p())).append(" (").append(pValue(r.holm())).append(')')
                    .append(r.significant() ? " ✱" : "").append(" | ").append(detectable(p)).append(" |\n");
        }
        out.append("\n✱ significant at ").append(ALPHA).append(" after Holm's adjustment across the pairs of a "
                + "test. p: exact McNemar test on the cases only one model got right; a p-value is not the size of "
                + "the difference. \"detectable\": the smallest difference these cases find 4 times in 5; smaller "
                + "ones can hide behind \"not significant\".\n");
    }

    /** Every row, per tag too, with the discordant cases by id. */
    static void html(List<ReportedTest> tests, StringBuilder out) {
        List<Row> rows = of(tests);
        if (rows.isEmpty()) {
            return;
        }
        out.append("<h2 id=\"pairs\">Models compared, pair by pair</h2>\n<p class=\"note\">Paired on the same cases "
                + "(samples: the same index and seed). A − B with its 95% interval (Newcombe's method 10); p: exact "
                + "McNemar, and after Holm's adjustment across the pairs of a test; per-tag rows are exploratory "
                + "(not adjusted). A p-value is not the size of a difference; \"detectable\" is the smallest "
                + "difference these cases find with 80% power at α = 0.05.</p>\n<div class=\"scroll\"><table>"
                + "<thead><tr><th>test</th><th>scope</th><th>A vs B</th><th>A</th><th>B</th><th>A − B (95% interval)"
                + "</th><th>p</th><th>p (Holm)</th><th>detectable</th><th>only A right</th><th>only B right</th>"
                + "</tr></thead><tbody>\n");
        for (Row r : rows) {
            Paired p = r.stats();
            out.append(r.significant() ? "<tr class=\"failed\">" : "<tr>").append("<td>");
            HtmlReport.escape(r.where(), out);
            out.append("</td><td>");
            HtmlReport.escape(r.scope(), out);
            out.append("</td><td>");
            HtmlReport.escape(r.first() + " vs " + r.second(), out);
            out.append("</td><td class=\"num\">").append(percent(p.first())).append("</td><td class=\"num\">")
                    .append(percent(p.second())).append("</td><td class=\"num\">").append(difference(p))
                    .append("</td><td class=\"num\">").append(pValue(p.p())).append("</td><td class=\"num\">")
                    .append(r.overall() ? pValue(r.holm()) + (r.significant() ? " ✱" : "") : "exploratory")
                    .append("</td><td class=\"num\">").append(detectable(p)).append("</td><td>");
            HtmlReport.escape(ids(r.onlyFirst()), out);
            out.append("</td><td>");
            HtmlReport.escape(ids(r.onlySecond()), out);
            out.append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    /** The console's lines: significant differences only. */
    static List<String> console(List<ReportedTest> tests) {
        List<String> lines = new ArrayList<>();
        for (Row r : of(tests)) {
            if (r.significant()) {
                Paired p = r.stats();
                lines.add(String.format(Locale.ROOT, "[llmtest] %s: %s %s vs %s %s, %s (p = %s, Holm %s)",
                        r.where(), r.first(), percent(p.first()), r.second(), percent(p.second()), difference(p),
                        pValue(p.p()), pValue(r.holm())));
            }
        }
        return lines;
    }

    static String difference(Paired p) {
        return String.format(Locale.ROOT, "%+.1f pts (%+.1f to %+.1f)", p.difference() * 100,
                p.interval().low() * 100, p.interval().high() * 100);
    }

    static String detectable(Paired p) {
        return p.detectable().isPresent() ? String.format(Locale.ROOT, "%.1f pts", p.detectable().getAsDouble() * 100)
                : "none";
    }

    static String percent(double rate) {
        return DatasetSections.percent(rate);
    }

    static String pValue(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    static String ids(List<String> ids) {
        return ids.isEmpty() ? "–" : String.join(", ", ids);
    }
}
