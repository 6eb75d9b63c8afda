package io.github.llmtest.internal.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairedTest {

    @Test
    void puts_the_figures_of_one_pair_together() {
        // 40 cases: 28 both right, 7 only the first, 2 only the second, 3 neither
        Paired p = Paired.of(28, 7, 2, 3);
        assertThat(p.cases()).isEqualTo(40);
        assertThat(p.first()).isCloseTo(35 / 40.0, within(1e-12));
        assertThat(p.second()).isCloseTo(30 / 40.0, within(1e-12));
        assertThat(p.difference()).isCloseTo(0.125, within(1e-12));
        // 2 · (1 + 9 + 36) / 512 = 0.1796875
        assertThat(p.p()).isCloseTo(0.1796875, within(1e-12));
        assertThat(p.significant(0.05)).isFalse();
        assertThat(p.interval().low()).isLessThan(0).isGreaterThan(-0.1);
        assertThat(p.detectable()).isPresent();
        assertThat(p.detectable().getAsDouble()).isGreaterThan(0.125);
    }

    @Test
    void an_empty_comparison_has_no_figures_to_claim() {
        Paired p = Paired.of(0, 0, 0, 0);
        assertThat(p.p()).isEqualTo(1.0);
        assertThat(p.detectable()).isEmpty();
        assertThat(p.interval()).isEqualTo(new Interval(-1, 1));
    }
}
