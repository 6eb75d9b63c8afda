package io.github.llmtest.internal.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FisherTest {

    @Test
    void the_lady_tasting_tea() {
        // Fisher (1935), Agresti "Categorical Data Analysis" table 3.8: 3 of 4 milk-first cups found, 1 of 4 not.
        // The tables as or less likely than the observed one (16/70) are x = 0, 1, 3, 4: (1 + 16 + 16 + 1) / 70
        assertThat(Fisher.exactP(3, 1, 1, 3)).isCloseTo(34 / 70.0, within(1e-12));
        assertThat(Fisher.exactP(4, 0, 0, 4)).isCloseTo(2 / 70.0, within(1e-12));
    }

    @Test
    void agrees_with_hypergeometric_sums_by_hand() {
        // 10 of 10 passes before, 5 of 10 after: P(x) = C(10,x) C(10,15-x) / C(20,15), x = 5..10; the observed
        // x = 10 has C(10,5)/15504 = 252/15504, as does x = 5; the others are more likely: p = 504/15504
        assertThat(Fisher.exactP(10, 0, 5, 5)).isCloseTo(504 / 15504.0, within(1e-12));
    }

    @Test
    void equal_rates_give_one() {
        assertThat(Fisher.exactP(5, 5, 5, 5)).isCloseTo(1.0, within(1e-9));
        assertThat(Fisher.exactP(0, 0, 0, 0)).isEqualTo(1.0);
    }

    @Test
    void is_symmetric_in_the_groups() {
        assertThat(Fisher.exactP(7, 3, 2, 8)).isCloseTo(Fisher.exactP(2, 8, 7, 3), within(1e-12))
                .isLessThan(0.1);
    }
}
