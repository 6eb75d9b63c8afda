package io.github.llmtest.internal.stats;

/**
 * The 95% confidence interval for the difference of two paired proportions by Newcombe's method 10 (Newcombe,
 * "Improved confidence intervals for the difference between binomial proportions based on paired data", Statistics
 * in Medicine 17, 1998): the Wilson score intervals of both proportions, combined with the correlation of the pairs
 * (φ, with Newcombe's correction of N/2 when positive). It needs no resampling, stays within [-1, 1] and keeps its
 * coverage close to 95% for the small case counts evals have; a Wald interval does not.
 *
 * <pre>{@code
 * // 40 cases: 28 both right, 7 only the first, 2 only the second, 3 neither
 * Interval diff = PairedInterval.newcombe(28, 7, 2, 3);   // around the difference 5/40 = 0.125
 * }</pre>
 */
public final class PairedInterval {

    /** The normal quantile of 0.975: a 95% interval. */
    static final double Z95 = 1.959963984540054;

    private PairedInterval() {
    }

    /**
     * The interval for {@code (a + b)/n - (a + c)/n}.
     *
     * @param both       a: cases both got right
     * @param onlyFirst  b: cases only the first got right
     * @param onlySecond c: cases only the second got right
     * @param neither    d: cases neither got right
     * @return the 95% interval of the first's accuracy minus the second's
     */
    public static Interval newcombe(int both, int onlyFirst, int onlySecond, int neither) {
        if (both < 0 || onlyFirst < 0 || onlySecond < 0 || neither < 0) {
            throw new IllegalArgumentException("counts must be at least 0, but were " + both + ", " + onlyFirst
                    + ", " + onlySecond + ", " + neither);
        }
        int n = both + onlyFirst + onlySecond + neither;
        if (n == 0) {
            return new Interval(-1, 1);
        }
        double p1 = (both + onlyFirst) / (double) n;
        double p2 = (both + onlySecond) / (double) n;
        Interval w1 = wilson(both + onlyFirst, n);
        Interval w2 = wilson(both + onlySecond, n);
        double phi = phi(both, onlyFirst, onlySecond, neither, n);
        double dl1 = p1 - w1.low();
        double du1 = w1.high() - p1;
        double dl2 = p2 - w2.low();
        double du2 = w2.high() - p2;
        double diff = p1 - p2;
        double low = diff - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
        double high = diff + Math.sqrt(Math.max(0, dl2 * dl2 - 2 * phi * dl2 * du1 + du1 * du1));
        return new Interval(Math.max(-1, low), Math.min(1, high));
    }

    /** The 95% Wilson score interval of {@code x} out of {@code n}. */
    static Interval wilson(int x, int n) {
        double p = x / (double) n;
        double z2 = Z95 * Z95;
        double centre = p + z2 / (2.0 * n);
        double spread = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double scale = 1 + z2 / n;
        return new Interval(Math.max(0, (centre - spread) / scale), Math.min(1, (centre + spread) / scale));
    }

    /** φ of the 2×2 table, 0 when a margin is empty; a positive one is reduced by N/2 (not below 0). */
    private static double phi(int a, int b, int c, int d, int n) {
        double margins = (double) (a + b) * (c + d) * (a + c) * (b + d);
        if (margins == 0) {
            return 0;
        }
        double cross = (double) a * d - (double) b * c;
        double corrected = cross > 0 ? Math.max(0, cross - n / 2.0) : cross;
        return corrected / Math.sqrt(margins);
    }
}
