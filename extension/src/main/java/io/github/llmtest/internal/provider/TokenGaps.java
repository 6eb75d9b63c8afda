package io.github.llmtest.internal.provider;

import io.github.llmtest.internal.Percentiles;

import java.util.Arrays;

/**
 * The gaps between the streamed pieces of one answer (inter-token latency): how many, their mean, median, 95th
 * percentile and longest, in nanoseconds.
 *
 * @param gaps       how many gaps (pieces minus one)
 * @param meanNanos  the mean gap
 * @param p50Nanos   the median gap
 * @param p95Nanos   the 95th percentile gap
 * @param maxNanos   the longest gap
 */
public record TokenGaps(int gaps, long meanNanos, long p50Nanos, long p95Nanos, long maxNanos) {

    /**
     * Times the arrival of streamed pieces, from the first one on. Not thread-safe: one per answer.
     */
    public static final class Clock {
        private long[] arrivals = new long[64];
        private int count;

        /**
         * @param elapsedNanos when a non-empty piece arrived, since the request was sent
         */
        public void arrived(long elapsedNanos) {
            if (count == arrivals.length) {
                arrivals = Arrays.copyOf(arrivals, count * 2);
            }
            arrivals[count++] = elapsedNanos;
        }

        /** @return the gaps, or null with fewer than two pieces */
        public TokenGaps gaps() {
            if (count < 2) {
                return null;
            }
            long[] gaps = new long[count - 1];
            long sum = 0;
            for (int i = 1; i < count; i++) {
                gaps[i - 1] = Math.max(0, arrivals[i] - arrivals[i - 1]);
                sum += gaps[i - 1];
            }
            long max = Arrays.stream(gaps).max().orElse(0);
            return new TokenGaps(gaps.length, sum / gaps.length, Percentiles.of(gaps, 50), Percentiles.of(gaps, 95),
                    max);
        }
    }
}
