package io.github.llmtest.internal.stats;

import java.util.OptionalDouble;

/**
 * The smallest difference in accuracy a paired comparison of {@code n} cases detects with 80% power at a two-sided
 * α of 0.05, by Connor's sample-size formula for McNemar's test (Connor, "Sample size for testing differences in
 * proportions for the paired-sample design", Biometrics 43, 1987), solved for the difference δ:
 * {@code √n·δ = z(0.975)·√ψ + z(0.8)·√(ψ − δ²)}, where ψ is the share of discordant cases (taken from the run).
 * A comparison that finds no significant difference says little about differences below this one.
 *
 * <pre>{@code
 * DetectableDifference.of(40, 0.25)   // about 0.22: 40 cases, a quarter of them discordant
 * }</pre>
 */
public final class DetectableDifference {

    /** The normal quantile of 0.8: 80% power. */
    static final double Z80 = 0.8416212335729143;

    private DetectableDifference() {
    }

    /**
     * @param n          the cases both answered
     * @param discordant the share of them only one got right, in [0, 1]
     * @return δ, or empty when no difference possible with this discordance (δ ≤ ψ) reaches 80% power
     */
    public static OptionalDouble of(int n, double discordant) {
        if (n < 0 || !(discordant >= 0 && discordant <= 1)) {
            throw new IllegalArgumentException("needs n >= 0 and a share in [0, 1], but was " + n + " and "
                    + discordant);
        }
        if (n == 0 || discordant == 0 || gap(n, discordant, discordant) < 0) {
            return OptionalDouble.empty();
        }
        double low = 0;
        double high = discordant;
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (gap(n, discordant, mid) < 0) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return OptionalDouble.of(high);
    }

    /** {@code √n·δ − z(0.975)·√ψ − z(0.8)·√(ψ − δ²)}: increasing in δ, negative at 0. */
    private static double gap(int n, double psi, double delta) {
        return Math.sqrt(n) * delta - PairedInterval.Z95 * Math.sqrt(psi)
                - Z80 * Math.sqrt(Math.max(0, psi - delta * delta));
    }
}
