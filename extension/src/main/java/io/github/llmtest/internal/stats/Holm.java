package io.github.llmtest.internal.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of p-values for many comparisons (Holm, "A simple sequentially rejective multiple test
 * procedure", Scandinavian Journal of Statistics 6, 1979): it keeps the chance of any false alarm among the
 * comparisons at α, with more power than Bonferroni, and needs no assumption about how the comparisons depend on
 * each other (pairs of models sharing a model do).
 *
 * <pre>{@code
 * Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005})   // {0.03, 0.06, 0.06, 0.02}
 * }</pre>
 */
public final class Holm {

    private Holm() {
    }

    /**
     * @param p the p-values of a family of comparisons
     * @return the adjusted p-values, in the same order
     */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
