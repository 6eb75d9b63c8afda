package io.github.llmtest.internal.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DetectableDifferenceTest {

    @Test
    void solves_connors_formula() {
        // Connor (1987): n = (z.975 √ψ + z.8 √(ψ − δ²))² / δ²; solved for δ in Python by bisection:
        // n = 40, ψ = 0.25 → 0.2150; n = 200, ψ = 0.2 → 0.0881; n = 100, ψ = 0.1 → 0.0876
        assertThat(DetectableDifference.of(40, 0.25).orElseThrow()).isCloseTo(0.2150, within(0.00005));
        assertThat(DetectableDifference.of(200, 0.2).orElseThrow()).isCloseTo(0.0881, within(0.00005));
        assertThat(DetectableDifference.of(100, 0.1).orElseThrow()).isCloseTo(0.0876, within(0.00005));
    }

    @Test
    void the_exact_test_has_about_80_percent_power_at_that_difference() {
        // independent of the formula: the exact power of McNemar's exact test at α = 0.05, summed over every
        // outcome of 200 cases with 20% discordant. The exact test is conservative, so a little under 80%
        int n = 200;
        double psi = 0.2;
        double delta = DetectableDifference.of(n, psi).orElseThrow();
        assertThat(power(n, psi, delta)).isBetween(0.72, 0.85);
        assertThat(power(n, psi, delta / 2)).isLessThan(0.4);
    }

    @Test
    void nothing_is_detectable_without_discordant_cases_or_with_too_few() {
        assertThat(DetectableDifference.of(40, 0)).isEmpty();
        assertThat(DetectableDifference.of(0, 0.5)).isEmpty();
        // 40 cases, 2 discordant: even "all discordant cases one way" (δ = ψ = 0.05) falls short of 80% power
        assertThat(DetectableDifference.of(40, 0.05)).isEmpty();
    }

    private static double power(int n, double psi, double delta) {
        double q = (psi + delta) / 2 / psi;
        LogFactorials f = new LogFactorials(n);
        double total = 0;
        for (int d = 0; d <= n; d++) {
            double pd = Math.exp(f.choose(n, d) + d * Math.log(psi) + (n - d) * Math.log(1 - psi));
            double rejected = 0;
            for (int b = 0; b <= d; b++) {
                if (McNemar.exactP(b, d - b) < 0.05) {
                    rejected += Math.exp(f.choose(d, b) + b * Math.log(q) + (d - b) * Math.log(1 - q));
                }
            }
            total += pd * rejected;
        }
        return total;
    }
}
