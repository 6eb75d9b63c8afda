package io.github.llmtest.internal.stats;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class McNemarTest {

    @Test
    void twelve_discordant_cases_split_ten_to_two_give_the_published_p_value() {
        // 2 · (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 2 · 79 / 4096 = 0.038574...
        assertThat(McNemar.exactP(10, 2)).isCloseTo(0.0386, within(0.00005));
        assertThat(McNemar.exactP(2, 10)).isEqualTo(McNemar.exactP(10, 2));
    }

    @Test
    void agrees_with_exact_binomial_sums_in_integers() {
        // the reference: the same sum in exact integer arithmetic, independent of the log-factorial route
        for (int n = 1; n <= 60; n += 7) {
            for (int b = 0; b <= n; b++) {
                assertThat(McNemar.exactP(b, n - b)).as("%d to %d", b, n - b)
                        .isCloseTo(exact(b, n - b), within(1e-12));
            }
        }
    }

    @Test
    void large_counts_do_not_overflow() {
        // 2000 discordant cases split evenly: the p-value is 1 (capped); split 1100 to 900: far below 0.001
        assertThat(McNemar.exactP(1000, 1000)).isEqualTo(1.0);
        assertThat(McNemar.exactP(1100, 900)).isCloseTo(exact(1100, 900), within(1e-12)).isLessThan(0.001);
    }

    @Test
    void no_discordant_case_is_no_evidence() {
        assertThat(McNemar.exactP(0, 0)).isEqualTo(1.0);
        assertThat(McNemar.exactP(1, 0)).isEqualTo(1.0);
    }

    @Test
    void negative_counts_are_refused() {
        assertThatThrownBy(() -> McNemar.exactP(-1, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    private static double exact(int b, int c) {
        int n = b + c;
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i <= Math.min(b, c); i++) {
            sum = sum.add(choose(n, i));
        }
        BigDecimal p = new BigDecimal(sum.shiftLeft(1)).divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)),
                MathContext.DECIMAL128);
        return Math.min(1, p.doubleValue());
    }

    private static BigInteger choose(int n, int k) {
        BigInteger r = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return r;
    }
}
