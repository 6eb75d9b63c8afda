package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run report's section per {@code @LlmDataset}: the accuracy per model with its interval, per tag, the gate, and
 * each failing case with its question, expected fields and what was extracted. Built from the cases' entries.
 */
final class DatasetSections {

    /** The failing cases report.md lists per dataset; report.json and report.html keep them all. */
    static final int MD_FAILING = 20;

    /** One dataset of one test method, its cases grouped by model in the order they ran. */
    record Section(String test, String dataset, Map<String, List<DatasetEntry>> byModel) {

        /** The gate of a model: the one its last case carries, judged over all of them. */
        DatasetEntry.Gate gate(String model) {
            List<DatasetEntry> cases = byModel.get(model);
            return cases.get(cases.size() - 1).gate();
        }

        List<String> tags() {
            Set<String> tags = new LinkedHashSet<>();
            byModel.keySet().forEach(m -> gate(m).perTag().forEach(a -> tags.add(a.label())));
            return List.copyOf(tags);
        }
    }

    private DatasetSections() {
    }

    static List<Section> of(List<ReportedTest> tests) {
        Map<String, Section> sections = new LinkedHashMap<>();
        for (ReportedTest t : tests) {
            DatasetEntry e = t.dataset;
            if (e == null) {
                continue;
            }
            sections.computeIfAbsent(e.test() + " " + e.dataset(),
                            k -> new Section(e.test(), e.dataset(), new LinkedHashMap<>()))
                    .byModel().computeIfAbsent(e.model(), m -> new ArrayList<>()).add(e);
        }
        return List.copyOf(sections.values());
    }

    static void json(List<ReportedTest> tests, ObjectNode root) {
        List<Section> sections = of(tests);
        if (sections.isEmpty()) {
            return;
        }
        ArrayNode list = root.putArray("datasets");
        Map<String, Map<String, Spending>> costs = CostTotals.byDataset(tests);
        for (Section s : sections) {
            ObjectNode node = list.addObject().put("test", s.test()).put("dataset", s.dataset());
            ArrayNode models = node.putArray("models");
            s.byModel().forEach((model, cases) -> {
                ObjectNode m = models.addObject().put("model", model);
                m.set("gate", s.gate(model).toJson());
                CostTotals.json(costs, CostTotals.key(s.test(), s.dataset()), model, m);
                ArrayNode verdicts = m.putArray("cases");
                cases.forEach(c -> verdicts.addObject().put("case", c.caseId()).put("outcome", c.outcome())
                        .put("message", c.message()));
            });
        }
    }

    static void markdown(List<ReportedTest> tests, StringBuilder out) {
        List<Section> sections = of(tests);
        if (sections.isEmpty()) {
            return;
        }
        out.append("\n### Datasets\n");
        Map<String, Map<String, Spending>> costs = CostTotals.byDataset(tests);
        for (Section s : sections) {
            List<String> models = List.copyOf(s.byModel().keySet());
            out.append("\n**").append(Reports.cell(LlmReportListener.shortTest(s.test()))).append("** on `")
                    .append(Reports.cell(s.dataset())).append("`\n\n|  |");
            models.forEach(m -> out.append(' ').append(Reports.cell(m)).append(" |"));
            out.append("\n|---|").append("---|".repeat(models.size())).append("\n| gate |");
            models.forEach(m -> {
                DatasetEntry.Gate g = s.gate(m);
                out.append(g.held() ? " ✅ held" : " ❌ failed").append(" (≥ ")
                        .append(percent(g.overall().min())).append(") |");
            });
            out.append("\n| accuracy |");
            models.forEach(m -> out.append(' ').append(accuracy(s.gate(m).overall())).append(" |"));
            for (String tag : s.tags()) {
                out.append("\n| tag ").append(Reports.cell(tag)).append(" |");
                models.forEach(m -> out.append(' ').append(s.gate(m).perTag().stream()
                        .filter(a -> a.label().equals(tag)).findFirst().map(DatasetSections::accuracy)
                        .orElse("–")).append(" |"));
            }
            out.append('\n');
            CostTotals.markdown(costs.get(CostTotals.key(s.test(), s.dataset())), out);
            List<DatasetEntry> failing = new ArrayList<>();
            s.byModel().values().forEach(cases -> cases.stream().filter(DatasetEntry::failing).forEach(failing::add));
            if (failing.isEmpty()) {
                continue;
            }
            out.append("\n| model | case | outcome | question | expected | extracted | failure |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            for (DatasetEntry c : failing.subList(0, Math.min(MD_FAILING, failing.size()))) {
                out.append("| ").append(Reports.cell(c.model())).append(" | ").append(Reports.cell(c.caseId()))
                        .append(" | ").append(c.outcome()).append(" | ")
                        .append(Reports.cell(c.question() == null ? "–" : c.question())).append(" | ")
                        .append(Reports.cell(expected(c))).append(" | ")
                        .append(Reports.cell(c.extracted().isEmpty() ? "–" : String.join("; ", c.extracted())))
                        .append(" | ").append(Reports.cell(c.message() == null ? "–" : c.message())).append(" |\n");
            }
            if (failing.size() > MD_FAILING) {
                out.append("\n… and ").append(failing.size() - MD_FAILING)
                        .append(" more failing case(s) in report.json.\n");
            }
        }
    }

    /** "37 of 40, 92.5% (95% interval 80.1%–97.4%)", with ✗ when below its minimum. */
    static String accuracy(DatasetEntry.Accuracy a) {
        return (a.held() ? "" : "✗ ") + a.passed() + " of " + a.total() + ", " + percent(a.rate())
                + " (95% interval " + percent(a.low()) + "–" + percent(a.high()) + ")";
    }

    static String expected(DatasetEntry c) {
        List<String> parts = new ArrayList<>();
        c.expected().properties().forEach(e -> parts.add(e.getKey() + " = "
                + (e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString())));
        return parts.isEmpty() ? "–" : String.join(", ", parts);
    }

    static String percent(double rate) {
        String text = String.format(Locale.ROOT, "%.1f", rate * 100);
        return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + "%";
    }
}
