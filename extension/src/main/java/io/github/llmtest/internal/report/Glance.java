package io.github.llmtest.internal.report;

import io.github.llmtest.internal.Percentiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The run at a glance: one row per test method and model, however many calls it made, with how many passed and
 * the distribution of its total time, time to first token and tokens/s, the recorded figures apart from the
 * measured ones. What a reviewer reads before any single call.
 */
final class Glance {

    /** Rows drawn in report.html; the rest are counted. */
    static final int HTML_ROWS = 100;
    /** Rows in report.md. */
    static final int MD_ROWS = 20;

    /** The figures a row shows, in its columns' order. */
    enum Figure {
        TOTAL("total", CallEntry.Figures::totalMs, false),
        FIRST_TOKEN("first token", CallEntry.Figures::firstTokenMs, false),
        SPEED("tokens/s", CallEntry.Figures::tokensPerSecond, true);

        final String label;
        final Function<CallEntry.Figures, Double> read;
        /** Larger is better, so the tail that matters is the low one. */
        final boolean speed;

        Figure(String label, Function<CallEntry.Figures, Double> read, boolean speed) {
            this.label = label;
            this.read = read;
            this.speed = speed;
        }

        String format(double value) {
            return speed ? Reports.decimal(value) : Reports.duration(value);
        }
    }

    /**
     * One figure of one row over the calls that have it, measured in this run or as recorded.
     *
     * @param count how many calls
     */
    record Spread(int count, double min, double p5, double p25, double p50, double p75, double p95, double max) {

        static Spread of(double[] values, int count) {
            if (count == 0) {
                return null;
            }
            double[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            return new Spread(count, sorted[0], Percentiles.ofSorted(sorted, 5), Percentiles.ofSorted(sorted, 25),
                    Percentiles.ofSorted(sorted, 50), Percentiles.ofSorted(sorted, 75),
                    Percentiles.ofSorted(sorted, 95), sorted[count - 1]);
        }

        /** "p50 4.10 s · p95 9.80 s" (for tokens/s the slow tail, p5). */
        String brief(Figure figure) {
            return "p50 " + figure.format(p50) + (figure.speed ? " · p5 " + figure.format(p5)
                    : " · p95 " + figure.format(p95));
        }

        /** Every figure of the box, for its tooltip. */
        String detail(Figure figure) {
            return String.format(Locale.ROOT, "%d call(s): min %s, p5 %s, p25 %s, median %s, p75 %s, p95 %s, max %s",
                    count, figure.format(min), figure.format(p5), figure.format(p25), figure.format(p50),
                    figure.format(p75), figure.format(p95), figure.format(max));
        }
    }

    /**
     * One test method with one model.
     *
     * @param measured per figure, the spread over live calls, or null
     * @param recorded per figure, the spread over replayed calls (their figures as recorded), or null
     */
    record Row(String test, String model, int calls, int replayed, int passedCalls, int tests, int passedTests,
               Map<Figure, Spread> measured, Map<Figure, Spread> recorded) {

        /** "9 of 10 tests · 18 of 20 calls (90%)". */
        String passRate() {
            return String.format(Locale.ROOT, "%d of %d test(s) · %d of %d call(s) (%.0f%%)", passedTests, tests,
                    passedCalls, calls, calls == 0 ? 0.0 : 100.0 * passedCalls / calls);
        }

        boolean allPassed() {
            return passedCalls == calls;
        }
    }

    final List<Row> rows;

    private Glance(List<Row> rows) {
        this.rows = rows;
    }

    /** Gathers the rows in the order the tests ran. */
    static Glance of(List<ReportedTest> tests) {
        Map<String, Builder> builders = new LinkedHashMap<>();
        for (ReportedTest t : tests) {
            List<Builder> seen = new ArrayList<>(2);
            for (ReportedCall c : t.calls) {
                Builder b = builders.computeIfAbsent(c.test() + '\u0000' + c.model(),
                        k -> new Builder(LlmReportListener.shortTest(c.test()), c.model()));
                b.add(c, ReportedTest.SUCCESSFUL.equals(t.result(c)));
                if (!seen.contains(b)) {
                    seen.add(b);
                    b.tests++;
                    b.passedTests += t.passed() ? 1 : 0;
                }
            }
        }
        return new Glance(builders.values().stream().map(Builder::build).toList());
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The axis end of a figure's column: the largest p95 (or maximum speed) of the rows drawn, with room. */
    double axis(Figure figure, int shown) {
        double end = 0;
        for (Row row : rows.subList(0, Math.min(shown, rows.size()))) {
            for (Map<Figure, Spread> spreads : List.of(row.measured(), row.recorded())) {
                Spread s = spreads.get(figure);
                if (s != null) {
                    end = Math.max(end, figure.speed ? s.max() : s.p95());
                }
            }
        }
        return end <= 0 ? 1 : end * 1.1;
    }

    /** The markdown table of the first {@link #MD_ROWS} rows. */
    static void markdown(Glance glance, StringBuilder out) {
        if (glance.isEmpty()) {
            return;
        }
        out.append("\n### At a glance\n\nPer test and model: how many passed, and the latency over the calls "
                + "(measured in this run, or as recorded for replayed calls).\n\n"
                + "| test | model | passed | total | first token | tokens/s |\n|---|---|---|---|---|---|\n");
        for (Row row : glance.rows.subList(0, Math.min(MD_ROWS, glance.rows.size()))) {
            out.append("| ").append(Reports.cell(row.test())).append(" | ")
                    .append(Reports.cell(row.model())).append(" | ").append(row.passRate());
            for (Figure figure : Figure.values()) {
                out.append(" | ").append(Reports.cell(brief(row, figure)));
            }
            out.append(" |\n");
        }
        if (glance.rows.size() > MD_ROWS) {
            out.append("\n… and ").append(glance.rows.size() - MD_ROWS)
                    .append(" more test and model pair(s) in report.html.\n");
        }
    }

    /** "measured p50 4.10 s · p95 9.80 s; recorded p50 …", or a dash. */
    static String brief(Row row, Figure figure) {
        Spread measured = row.measured().get(figure);
        Spread recorded = row.recorded().get(figure);
        if (measured == null && recorded == null) {
            return "–";
        }
        List<String> parts = new ArrayList<>(2);
        if (measured != null) {
            parts.add((recorded == null ? "" : "measured ") + measured.brief(figure));
        }
        if (recorded != null) {
            parts.add("recorded " + recorded.brief(figure));
        }
        return String.join("; ", parts);
    }

    private static final class Builder {
        final String test;
        final String model;
        int calls;
        int replayed;
        int passedCalls;
        int tests;
        int passedTests;
        /** Per figure, per source (0 measured, 1 recorded): the values and how many. */
        final double[][][] values = new double[Figure.values().length][2][16];
        final int[][] counts = new int[Figure.values().length][2];

        Builder(String test, String model) {
            this.test = test;
            this.model = model;
        }

        void add(ReportedCall c, boolean passed) {
            calls++;
            replayed += c.replayed() ? 1 : 0;
            passedCalls += passed ? 1 : 0;
            int source = c.replayed() ? 1 : 0;
            for (Figure figure : Figure.values()) {
                Double value = figure.read.apply(c.figures());
                if (value != null) {
                    int f = figure.ordinal();
                    double[] kept = values[f][source];
                    if (counts[f][source] == kept.length) {
                        kept = values[f][source] = Arrays.copyOf(kept, kept.length * 2);
                    }
                    kept[counts[f][source]++] = value;
                }
            }
        }

        Row build() {
            Map<Figure, Spread> measured = new java.util.EnumMap<>(Figure.class);
            Map<Figure, Spread> recorded = new java.util.EnumMap<>(Figure.class);
            for (Figure figure : Figure.values()) {
                int f = figure.ordinal();
                Spread live = Spread.of(values[f][0], counts[f][0]);
                Spread replay = Spread.of(values[f][1], counts[f][1]);
                if (live != null) {
                    measured.put(figure, live);
                }
                if (replay != null) {
                    recorded.put(figure, replay);
                }
            }
            return new Row(test, model, calls, replayed, passedCalls, tests, passedTests, measured, recorded);
        }
    }
}
