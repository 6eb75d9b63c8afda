package io.github.llmtest.internal.stats;

/**
 * McNemar's exact test for two verdicts on the same cases: under "neither is better", each discordant case (right
 * for one, wrong for the other) is equally likely to go either way, so the split of the discordant cases is
 * binomial with p = 1/2. The two-sided p-value doubles the smaller tail (capped at 1), the usual exact McNemar test.
 *
 * <pre>{@code
 * McNemar.exactP(10, 2)   // 0.0386: 12 discordant cases split 10 to 2
 * }</pre>
 */
public final class McNemar {

    private McNemar() {
    }

    /**
     * @param onlyFirst  cases only the first got right
     * @param onlySecond cases only the second got right
     * @return the two-sided exact p-value, 1 when there is no discordant case
     */
    public static double exactP(int onlyFirst, int onlySecond) {
        if (onlyFirst < 0 || onlySecond < 0) {
            throw new IllegalArgumentException("discordant counts must be at least 0, but were "
                    + onlyFirst + " and " + onlySecond);
        }
        int n = onlyFirst + onlySecond;
        if (n == 0) {
            return 1;
        }
        return Math.min(1, 2 * lowerTail(Math.min(onlyFirst, onlySecond), n));
    }

    /** @return P(X ≤ k) for X ~ Binomial(n, 1/2) */
    static double lowerTail(int k, int n) {
        LogFactorials f = new LogFactorials(n);
        double half = n * Math.log(0.5);
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += Math.exp(f.choose(n, i) + half);
        }
        return Math.min(1, sum);
    }
}
