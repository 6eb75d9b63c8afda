package io.github.llmtest.internal;

import java.util.Arrays;

/** The one percentile rule of llmtest: nearest rank, so the value is always one that was observed. Not API. */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param values     the observations, in any order (not changed)
     * @param percentile above 0, at most 100
     * @return the smallest value such that at least {@code percentile}% of the values are at most it
     * @throws IllegalArgumentException when there are no values or the percentile is out of range
     */
    public static double of(double[] values, double percentile) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("a percentile is above 0 and at most 100, but was " + percentile);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    /**
     * The nearest-rank percentile of values already sorted ascending, as {@link #of(double[], double)} computes it
     * without sorting a copy: for one set of values asked for several percentiles.
     *
     * @param sorted     the values, sorted ascending, at least one
     * @param percentile above 0 and at most 100
     * @return the value at that rank
     */
    public static double ofSorted(double[] sorted, double percentile) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /**
     * @param values     the observations
     * @param percentile above 0, at most 100
     * @return as {@link #of(double[], double)}
     */
    public static long of(long[] values, double percentile) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return (long) of(doubles, percentile);
    }
}
