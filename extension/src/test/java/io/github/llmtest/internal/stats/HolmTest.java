package io.github.llmtest.internal.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HolmTest {

    @Test
    void adjusts_step_down_and_keeps_the_order() {
        // by hand: sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 raised to the running 0.06
        // (R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") gives the same)
        assertThat(Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}))
                .containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
    }

    @Test
    void one_comparison_is_left_alone_and_none_exceeds_one() {
        assertThat(Holm.adjust(new double[] {0.2})).containsExactly(0.2);
        assertThat(Holm.adjust(new double[] {0.6, 0.7})).containsExactly(1.0, 1.0);
        assertThat(Holm.adjust(new double[0])).isEmpty();
    }
}
