package io.github.llmtest.internal.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairedIntervalTest {

    @Test
    void matches_the_published_example_of_fagerland_lydersen_and_laake() {
        // Fagerland, Lydersen, Laake, "Statistical Analysis of Contingency Tables" (2017), chapter 8, the paired
        // table 59 / 6 / 16 / 80: Newcombe square-and-add interval -0.1186 to -0.0046 around -0.0621 (also the
        // expectation of their R package contingencytables, tests/testthat/test-ch8.R)
        Interval i = PairedInterval.newcombe(59, 6, 16, 80);
        assertThat(i.low()).isCloseTo(-0.1186, within(0.00005));
        assertThat(i.high()).isCloseTo(-0.0046, within(0.00005));
    }

    @Test
    void matches_newcombe_1998_example_36_12_2_0() {
        // a = 36, b = 12, c = 2, d = 0 (N = 50), one of Newcombe 1998's examples; 0.0569 to 0.3404 as computed
        // independently in Python from the paper's formulas (AD - BC < 0: no N/2 correction). The published table
        // was not at hand to check; the Fagerland example above is the one checked against print

        Interval i = PairedInterval.newcombe(36, 12, 2, 0);
        assertThat(i.low()).isCloseTo(0.0569, within(0.00005));
        assertThat(i.high()).isCloseTo(0.3404, within(0.00005));
    }

    @Test
    void wilson_interval_matches_newcombe_1998_single_proportion_example() {
        // 81 of 263, the example of Newcombe, "Two-sided confidence intervals for the single proportion" (1998):
        // 0.2553 to 0.3662, recomputed in Python from Wilson's formula
        Interval i = PairedInterval.wilson(81, 263);
        assertThat(i.low()).isCloseTo(0.2553, within(0.00005));
        assertThat(i.high()).isCloseTo(0.3662, within(0.00005));
    }

    @Test
    void swapping_the_models_mirrors_the_interval() {
        Interval ab = PairedInterval.newcombe(20, 9, 3, 8);
        Interval ba = PairedInterval.newcombe(20, 3, 9, 8);
        assertThat(ba.low()).isCloseTo(-ab.high(), within(1e-12));
        assertThat(ba.high()).isCloseTo(-ab.low(), within(1e-12));
        assertThat(ab.low()).isLessThan(6 / 40.0);
        assertThat(ab.high()).isGreaterThan(6 / 40.0);
    }

    @Test
    void stays_within_minus_one_and_one() {
        Interval all = PairedInterval.newcombe(0, 10, 0, 0);
        assertThat(all.high()).isEqualTo(1.0);
        assertThat(all.low()).isGreaterThan(0.5);
    }

    @Test
    void negative_counts_are_refused() {
        assertThatThrownBy(() -> PairedInterval.newcombe(1, -2, 3, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
    }
}
