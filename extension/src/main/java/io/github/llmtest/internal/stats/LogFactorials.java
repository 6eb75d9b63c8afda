package io.github.llmtest.internal.stats;

/** Natural logarithms of {@code 0!} to {@code n!}, summed once so that exact sums stay exact for large counts. */
final class LogFactorials {

    private final double[] values;

    LogFactorials(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be at least 0, but was " + n);
        }
        values = new double[n + 1];
        for (int i = 2; i <= n; i++) {
            values[i] = values[i - 1] + Math.log(i);
        }
    }

    /** @return {@code ln(n choose k)} */
    double choose(int n, int k) {
        return values[n] - values[k] - values[n - k];
    }
}
