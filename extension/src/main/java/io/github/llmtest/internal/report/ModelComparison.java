package io.github.llmtest.internal.report;

import io.github.llmtest.internal.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The same tests across models, side by side: one row per test, one column per model, each cell the result, the
 * latency and what the answer committed to. Empty when no test ran with more than one model.
 */
final class ModelComparison {

    /** One cell: how one test went for one model. */
    record Cell(String status, ReportedCall call) {
    }

    final List<String> models;
    final Map<String, Map<String, Cell>> rows;

    private ModelComparison(List<String> models, Map<String, Map<String, Cell>> rows) {
        this.models = models;
        this.rows = rows;
    }

    /**
     * One row per test method that ran with two models or more ({@code @CompareModels} invocations share their
     * method's row), one column per model; tests that ran with one model only are not in the comparison.
     */
    static ModelComparison of(List<ReportedTest> tests) {
        Map<String, Map<String, Cell>> all = new LinkedHashMap<>();
        for (ReportedTest t : tests) {
            for (ReportedCall c : t.calls) {
                all.computeIfAbsent(LlmReportListener.shortTest(c.test()), k -> new LinkedHashMap<>())
                        .putIfAbsent(c.model(), new Cell(t.status, c));
            }
        }
        Set<String> models = new LinkedHashSet<>();
        Map<String, Map<String, Cell>> rows = new LinkedHashMap<>();
        all.forEach((test, cells) -> {
            if (cells.size() > 1) {
                rows.put(test, cells);
                models.addAll(cells.keySet());
            }
        });
        return new ModelComparison(new ArrayList<>(models), rows);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    static String summary(Cell cell) {
        if (cell == null) {
            return "–";
        }
        String result = ReportedTest.SUCCESSFUL.equals(cell.status()) ? "passed"
                : cell.status().toLowerCase(Locale.ROOT);
        String said = cell.call().extracted().isEmpty() ? Texts.tailLine(cell.call().entry.answer(), 40)
                : cell.call().extracted();
        return result + ", " + Reports.duration(cell.call().figures().totalMs()) + ", " + said;
    }
}
