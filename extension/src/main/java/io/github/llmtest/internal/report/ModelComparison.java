package io.github.llmtest.internal.report;

import io.github.llmtest.internal.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code @CompareModels} tests across their models, side by side: one table per set of models compared, one
 * row per test, one column per model, each cell the result, the latency and what the answer committed to. Tests
 * that are not a comparison are never in it, so no cell is empty.
 */
final class ModelComparison {

    /** One cell: how one test went for one model. */
    record Cell(String status, ReportedCall call) {
    }

    /** The tests that compared the same models. */
    record Table(List<String> models, Map<String, Map<String, Cell>> rows) {

        /** Whether any of its calls had a price: then every cell shows a cost, or that its model has none. */
        boolean priced() {
            return rows.values().stream().anyMatch(r -> r.values().stream()
                    .anyMatch(c -> c.call().entry.cost() != null));
        }
    }

    final List<Table> tables;

    private ModelComparison(List<Table> tables) {
        this.tables = tables;
    }

    /** One row per {@code @CompareModels} method (its invocations share the row), grouped by the models compared. */
    static ModelComparison of(List<ReportedTest> tests) {
        Map<String, Map<String, Cell>> rows = new LinkedHashMap<>();
        for (ReportedTest t : tests) {
            for (ReportedCall c : t.calls) {
                if (c.entry.compared()) {
                    rows.computeIfAbsent(LlmReportListener.shortTest(c.test()), k -> new LinkedHashMap<>())
                            .putIfAbsent(c.model(), new Cell(t.status, c));
                }
            }
        }
        Map<List<String>, Map<String, Map<String, Cell>>> byModels = new LinkedHashMap<>();
        rows.forEach((test, cells) -> {
            if (cells.size() > 1) {
                byModels.computeIfAbsent(List.copyOf(cells.keySet()), k -> new LinkedHashMap<>()).put(test, cells);
            }
        });
        List<Table> tables = new ArrayList<>();
        byModels.forEach((models, tableRows) -> tables.add(new Table(models, tableRows)));
        return new ModelComparison(tables);
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    static String summary(Cell cell) {
        String result = ReportedTest.SUCCESSFUL.equals(cell.status()) ? "passed"
                : cell.status().toLowerCase(Locale.ROOT);
        String said = cell.call().extracted().isEmpty()
                ? ReportedCall.plain(Texts.tailLine(cell.call().entry.answer(), 40)) : cell.call().extracted();
        return result + ", " + Reports.duration(cell.call().figures().totalMs()) + ", " + said;
    }

    /**
     * The cell's summary and, in a table with prices, the call's cost from its usage: "recorded cost" for a replayed
     * call, {@value CostTotals#NO_PRICE} for a model the price file does not name (a local model, say).
     */
    static String summary(Cell cell, boolean priced) {
        if (!priced) {
            return summary(cell);
        }
        CallEntry.Spend cost = cell.call().entry.cost();
        return summary(cell) + ", " + (cost == null ? CostTotals.NO_PRICE : CostTotals.usd(cost.usd())
                + (cell.call().replayed() ? " recorded cost" : ""));
    }
}
