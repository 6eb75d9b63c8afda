package io.github.llmtest.internal.stats;

/**
 * Fisher's exact test for two independent pass rates (a 2×2 table with both margins fixed): the two-sided p-value
 * sums the hypergeometric probabilities of every table no more likely than the one observed, as R's
 * {@code fisher.test} does (with the same relative tolerance of 1e-7 for ties).
 *
 * <pre>{@code
 * Fisher.exactP(3, 1, 1, 3)   // 0.4857: the lady tasting tea, 3 of 4 cups of each kind right
 * }</pre>
 */
public final class Fisher {

    private static final double TIES = 1 + 1e-7;

    private Fisher() {
    }

    /**
     * @param passedFirst  passes in the first group
     * @param failedFirst  failures in the first group
     * @param passedSecond passes in the second group
     * @param failedSecond failures in the second group
     * @return the two-sided exact p-value
     */
    public static double exactP(int passedFirst, int failedFirst, int passedSecond, int failedSecond) {
        if (passedFirst < 0 || failedFirst < 0 || passedSecond < 0 || failedSecond < 0) {
            throw new IllegalArgumentException("counts must be at least 0, but were " + passedFirst + ", "
                    + failedFirst + ", " + passedSecond + ", " + failedSecond);
        }
        int first = passedFirst + failedFirst;
        int second = passedSecond + failedSecond;
        int passed = passedFirst + passedSecond;
        int n = first + second;
        LogFactorials f = new LogFactorials(n);
        double total = f.choose(n, passed);
        double observed = Math.exp(f.choose(first, passedFirst) + f.choose(second, passedSecond) - total);
        double sum = 0;
        for (int x = Math.max(0, passed - second); x <= Math.min(first, passed); x++) {
            double p = Math.exp(f.choose(first, x) + f.choose(second, passed - x) - total);
            if (p <= observed * TIES) {
                sum += p;
            }
        }
        return Math.min(1, sum);
    }
}
