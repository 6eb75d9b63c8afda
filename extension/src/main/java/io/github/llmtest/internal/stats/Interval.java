package io.github.llmtest.internal.stats;

/**
 * A two-sided confidence interval.
 *
 * @param low  its low end
 * @param high its high end
 */
public record Interval(double low, double high) {

    /**
     * @param low  the low end
     * @param high the high end, at least {@code low}
     */
    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("an interval needs low <= high, but was " + low + " to " + high);
        }
    }

    /** @return whether 0 lies outside the interval */
    public boolean excludesZero() {
        return low > 0 || high < 0;
    }
}
