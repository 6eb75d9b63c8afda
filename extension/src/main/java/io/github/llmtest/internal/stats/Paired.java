package io.github.llmtest.internal.stats;

import java.util.OptionalDouble;

/**
 * Two verdicts on the same cases, compared: the accuracy of each, the difference (first minus second) with its 95%
 * interval by Newcombe's method 10, the discordant counts, the exact McNemar p-value and the smallest difference the
 * cases could have detected.
 *
 * <pre>{@code
 * Paired p = Paired.of(28, 7, 2, 3);
 * p.difference();   // 0.125
 * p.p();            // 0.180: 9 discordant cases split 7 to 2
 * }</pre>
 *
 * @param both       cases both got right
 * @param onlyFirst  cases only the first got right
 * @param onlySecond cases only the second got right
 * @param neither    cases neither got right
 * @param interval   the 95% interval of the difference
 * @param p          the two-sided exact McNemar p-value
 * @param detectable the smallest difference detectable with 80% power at α = 0.05, empty when none is
 */
public record Paired(int both, int onlyFirst, int onlySecond, int neither, Interval interval, double p,
                     OptionalDouble detectable) {

    /**
     * @param both       a
     * @param onlyFirst  b
     * @param onlySecond c
     * @param neither    d
     * @return the comparison
     */
    public static Paired of(int both, int onlyFirst, int onlySecond, int neither) {
        int n = both + onlyFirst + onlySecond + neither;
        return new Paired(both, onlyFirst, onlySecond, neither,
                PairedInterval.newcombe(both, onlyFirst, onlySecond, neither), McNemar.exactP(onlyFirst, onlySecond),
                n == 0 ? OptionalDouble.empty()
                        : DetectableDifference.of(n, (onlyFirst + onlySecond) / (double) n));
    }

    /** @return the cases compared */
    public int cases() {
        return both + onlyFirst + onlySecond + neither;
    }

    /** @return the first's accuracy */
    public double first() {
        return cases() == 0 ? 0 : (both + onlyFirst) / (double) cases();
    }

    /** @return the second's accuracy */
    public double second() {
        return cases() == 0 ? 0 : (both + onlySecond) / (double) cases();
    }

    /** @return the first's accuracy minus the second's */
    public double difference() {
        return first() - second();
    }

    /**
     * @param alpha the significance level
     * @return whether the p-value is below it
     */
    public boolean significant(double alpha) {
        return p < alpha;
    }
}
