package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Percentiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The latency of a test's calls as a distribution: the median, 95th percentile and worst of the total, the time
 * to first token and the mean inter-token gap, and the median and slow tail of tokens/s, each over the calls that
 * have the figure.
 *
 * @param calls  how many calls
 * @param series one per figure that at least one call has
 */
record LatencyStats(int calls, List<Series> series) {

    /**
     * One figure over the calls.
     *
     * @param name   {@code total_ms}, {@code first_token_ms}, {@code inter_token_ms} or {@code tokens_per_second}
     * @param count  how many calls have it
     * @param p50    the median
     * @param p95    the 95th percentile; for tokens/s, the 5th (the slow tail)
     * @param worst  the largest; for tokens/s, the smallest
     */
    record Series(String name, int count, double p50, double p95, double worst) {

        boolean speed() {
            return name.equals("tokens_per_second");
        }

        String format(double value) {
            return speed() ? String.format(Locale.ROOT, "%.1f tokens/s", value) : Reports.duration(value);
        }

        /** "total p50 4.10 s, p95 9.80 s, worst 10.2 s". */
        String summary() {
            String label = switch (name) {
                case "total_ms" -> "total";
                case "first_token_ms" -> "first token";
                case "inter_token_ms" -> "inter-token";
                default -> "tokens/s";
            };
            return label + " p50 " + format(p50) + (speed() ? ", p5 " : ", p95 ") + format(p95)
                    + (speed() ? ", slowest " : ", worst ") + format(worst);
        }
    }

    static LatencyStats of(List<ReportedCall> calls) {
        List<Series> series = new ArrayList<>();
        add(series, "total_ms", calls, f -> f.totalMs());
        add(series, "first_token_ms", calls, CallEntry.Figures::firstTokenMs);
        add(series, "inter_token_ms", calls, CallEntry.Figures::interTokenMs);
        add(series, "tokens_per_second", calls, CallEntry.Figures::tokensPerSecond);
        return new LatencyStats(calls.size(), series);
    }

    /** A plain loop rather than a stream: it runs once per test, thousands of times when the report is written. */
    private static void add(List<Series> series, String name, List<ReportedCall> calls,
                            Function<CallEntry.Figures, Double> figure) {
        double[] values = new double[calls.size()];
        int count = 0;
        for (ReportedCall c : calls) {
            Double value = figure.apply(c.figures());
            if (value != null) {
                values[count++] = value;
            }
        }
        if (count == 0) {
            return;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        boolean speed = name.equals("tokens_per_second");
        double worst = speed ? sorted[0] : sorted[count - 1];
        series.add(new Series(name, count, Percentiles.ofSorted(sorted, 50), Percentiles.ofSorted(sorted,
                speed ? 5 : 95), worst));
    }

    String summary() {
        return String.join("; ", series.stream().map(Series::summary).toList());
    }

    ObjectNode toJson() {
        ObjectNode node = Jsons.object().put("calls", calls);
        for (Series s : series) {
            node.putObject(s.name()).put("count", s.count()).put("p50", s.p50())
                    .put(s.speed() ? "p5" : "p95", s.p95()).put(s.speed() ? "min" : "max", s.worst());
        }
        return node;
    }
}
