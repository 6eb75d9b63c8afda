package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the run's calls cost, summed per dataset and model, and written into the three reports: report.json's
 * dataset sections, report.md's dataset tables and report.html's cost section. A model without a price (a local
 * Ollama model, unless the price file names it) is shown as {@value #NO_PRICE} and adds nothing to any total.
 */
final class CostTotals {

    /** What a model without a price shows instead of a cost. */
    static final String NO_PRICE = "no price";

    private CostTotals() {
    }

    /**
     * The calls of each dataset's cases, summed per model.
     *
     * @return by the dataset section's key ({@link #key}), then by model in the order the cases ran
     */
    static Map<String, Map<String, Spending>> byDataset(List<ReportedTest> tests) {
        Map<String, Map<String, List<ReportedCall>>> calls = new LinkedHashMap<>();
        for (ReportedTest t : tests) {
            DatasetEntry e = t.dataset;
            if (e == null) {
                continue;
            }
            calls.computeIfAbsent(key(e.test(), e.dataset()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(e.model(), m -> new ArrayList<>()).addAll(t.calls);
        }
        Map<String, Map<String, Spending>> sums = new LinkedHashMap<>();
        calls.forEach((section, models) -> {
            Map<String, Spending> perModel = new LinkedHashMap<>();
            models.forEach((model, list) -> perModel.put(model, Spending.of(list)));
            sums.put(section, perModel);
        });
        return sums;
    }

    static String key(String test, String dataset) {
        return test + " " + dataset;
    }

    /** Adds {@code cost} to a dataset's model in report.json when any of its calls had a price. */
    static void json(Map<String, Map<String, Spending>> sums, String section, String model, ObjectNode node) {
        Spending spent = sums.getOrDefault(section, Map.of()).get(model);
        if (spent != null && spent.any()) {
            node.set("cost", spent.toJson());
        }
    }

    /** A table cell: "$0.3500 live, $0.1000 recorded; judges $0.0200", or {@value #NO_PRICE}. */
    static String cell(Spending spent) {
        if (spent == null || !spent.any()) {
            return NO_PRICE;
        }
        StringBuilder out = new StringBuilder();
        if (spent.liveUsd() > 0 || spent.recordedUsd() == 0) {
            out.append(usd(spent.liveUsd())).append(" live");
        }
        if (spent.recordedUsd() > 0) {
            out.append(out.isEmpty() ? "" : ", ").append(usd(spent.recordedUsd())).append(" recorded");
        }
        if (spent.judgeUsd() > 0) {
            out.append("; judges ").append(usd(spent.judgeUsd()));
        }
        return out.toString();
    }

    /**
     * Dollars to the hundredth of a cent, and to six places below a tenth of a cent so that small calls do not show
     * as zero.
     */
    static String usd(double usd) {
        if (usd == 0) {
            return "$0";
        }
        boolean small = usd < 0.001;
        long units = Math.round(usd * (small ? 1e6 : 1e4));
        String digits = Long.toString(units);
        int places = small ? 6 : 4;
        if (digits.length() <= places) {
            digits = "0".repeat(places - digits.length() + 1) + digits;
        }
        return "$" + digits.substring(0, digits.length() - places) + "." + digits.substring(digits.length() - places);
    }

    /** report.md: a line per dataset with each model's cost, under the dataset's table. */
    static void markdown(Map<String, Spending> perModel, StringBuilder out) {
        if (perModel == null || perModel.values().stream().noneMatch(Spending::any)) {
            return;
        }
        out.append("| cost |");
        perModel.values().forEach(s -> out.append(' ').append(cell(s)).append(" |"));
        out.append('\n');
    }

    /**
     * report.html: the run's cost (live, recorded and judges apart, reasoning's share), per model, and per dataset
     * and model; nothing when no call had a price.
     *
     * @param run what the run's priced calls cost, {@link Spending#sum} of {@code tests}
     */
    static void html(List<ReportedTest> tests, Spending run, StringBuilder out) {
        if (!run.any()) {
            return;
        }
        out.append("<section id=\"cost\">\n<h2>Cost</h2>\n<p>");
        HtmlReport.escape(run.sentence(), out);
        out.append(" <span class=\"recorded\">Recorded cost</span> is what a replayed call cost when it was "
                + "recorded; <span class=\"live\">live</span> is what this run spent. A judge's calls are the "
                + "evaluation's cost, not the application's. A model without a price shows \"" + NO_PRICE
                + "\" and adds nothing.</p>\n<table id=\"cost-models\">\n<thead><tr><th>model</th>"
                + "<th>cost of its calls</th></tr></thead>\n<tbody>\n");
        run.byModel().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            out.append("<tr><td>");
            HtmlReport.escape(e.getKey(), out);
            out.append("</td><td class=\"num\">").append(usd(e.getValue())).append("</td></tr>\n");
        });
        if (run.judgeUsd() > 0) {
            out.append("<tr><td>judges</td><td class=\"num\">").append(usd(run.judgeUsd())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        Map<String, Map<String, Spending>> sums = byDataset(tests);
        boolean priced = sums.values().stream().anyMatch(m -> m.values().stream().anyMatch(Spending::any));
        if (priced) {
            out.append("<table id=\"cost-datasets\">\n<thead><tr><th>test and dataset</th><th>model</th>"
                    + "<th>calls priced</th><th>cost</th></tr></thead>\n<tbody>\n");
            for (DatasetSections.Section s : DatasetSections.of(tests)) {
                Map<String, Spending> perModel = sums.getOrDefault(key(s.test(), s.dataset()), Map.of());
                perModel.forEach((model, spent) -> {
                    out.append("<tr><td>");
                    HtmlReport.escape(LlmReportListener.shortTest(s.test()) + " on " + s.dataset(), out);
                    out.append("</td><td>");
                    HtmlReport.escape(model, out);
                    out.append("</td><td class=\"num\">").append(spent.pricedCalls()).append("</td><td>");
                    HtmlReport.escape(cell(spent), out);
                    out.append("</td></tr>\n");
                });
            }
            out.append("</tbody>\n</table>\n");
        }
        out.append("</section>\n");
    }
}
