package io.github.llmtest.answer;

import io.github.llmtest.internal.math.Equivalence;

import java.util.Objects;

/**
 * Compares two answers as mathematics, not as strings: {@code \frac{1}{2}}, {@code 0.5}, {@code 1/2} and
 * {@code \dfrac{2}{4}} are the same; so are {@code (x+1)^2} and {@code x^2+2x+1}, {@code \{1,2\}} and
 * {@code \{2,1\}}, {@code x = 5} and {@code 5}, {@code \$1,000} and {@code 1000}.
 *
 * <pre>{@code
 * MathEquivalence.equivalent("\\frac{1}{2}", "0.5");                       // true
 * MathEquivalence.DEFAULT.check("\\frac{1}{2}", "0.51").reason();          // why not
 * MathEquivalence.builder().decimalPlaces(2).build().test("3.14159", "\\pi"); // true
 * }</pre>
 *
 * <p><b>Reads</b> numbers as {@link Answers#parseNumber(String)} does (currency, thousands separators, {@code 1.5e3},
 * {@code 2 million}), {@code + - * / ^}, implicit multiplication, parentheses and braces, {@code \frac}
 * {@code \dfrac} {@code \tfrac}, {@code \sqrt{}} and {@code \sqrt[n]{}}, {@code \pi}, {@code e}, {@code \cdot}
 * {@code \times} {@code \div}, {@code \left} {@code \right}, {@code ^\circ}, {@code \%} and "percent", {@code \text{…}}
 * and unit words after a value, sin, cos, tan, log (base 10), ln, exp, {@code \sum} and {@code \prod} with number
 * bounds, variables, equations and relations ({@code <}, {@code \le}, {@code \geq}, {@code \neq}, {@code \approx},
 * {@code \in}, ...), tuples, sets, intervals and their unions, {@code \pm}, ratios, and matrices with their sums and
 * products, absolute values, set-builder sets ({@code \{x \mid x > 3\}}), {@code \displaystyle} and spacing.
 * Answers joined by "and", "or" or {@code ;} form a set.
 *
 * <p><b>Decides</b> with exact rational arithmetic when both sides are exact (integers, fractions and what follows
 * from them); a decimal literal such as {@code 0.333333}, a root or a function value is approximate, and then the
 * two values are equal when they agree after rounding to 6 decimal places (Math-Verify's convention; see
 * {@link Builder#decimalPlaces(int)}). Expressions with variables are compared by evaluating both at several
 * random rational points, which needs no computer algebra system.
 *
 * <p><b>Relations</b> compare by what they mean: an inequality linear in one variable is its interval
 * ({@code 3 \geq y} ≡ {@code y \leq 3} ≡ {@code (-\infty, 3]}), a chain bounded by numbers is the interval of its
 * middle ({@code -1 \le t \le 4} ≡ {@code t \in [-1, 4]}), and other relations are the same when they are the same up
 * to a factor, any non-zero one for equations ({@code 3x - 6y + 9 = 0} ≡ {@code y = \frac{1}{2}x + \frac{3}{2}}) and
 * a positive one for inequalities. A label and a value ({@code |PQ| = 3}, {@code y \approx 2.5}) compare as the
 * value, and in a chain ({@code x = 2+2+3 = 7}) the last value stands; an equation that is not a label and a value
 * is not a value ({@code b + 2c = 0} ≢ {@code 0}). An approximation after the exact value does not replace it
 * ({@code x = \frac{1}{3} \approx 0.33} is {@code 1/3}).
 *
 * <p><b>Clock times:</b> two answers that both look like clock times ({@code H:MM}, minutes 00 to 59, optional
 * am/pm) are compared as times of day ({@code 3:15} ≢ {@code 6:30}); otherwise {@code a:b} is a ratio
 * ({@code 3:4} ≡ {@code 6:8}).
 *
 * <p><b>Conventions:</b> {@code 1000} ≡ {@code 1,000}; units are ignored (unless
 * {@link Builder#ignoreUnits(boolean) told otherwise}); {@code 28\%} ≡ {@code 0.28} and {@code 28\%} ≡ {@code 28\%},
 * but {@code 10\%} ≢ {@code 10}; {@code 50} ≢ {@code 0.5}; {@code 1/3} ≡ {@code 0.333333}; {@code k = 45} compares
 * as {@code 45} when the other side is a value; a bare list {@code 1, 2} is a set (order does not matter) while
 * {@code (1, 2)} is a tuple and {@code [1, 2)} an interval, whose brackets matter.
 *
 * <p><b>Never hangs or throws:</b> input size, nesting and exponents are bounded, and anything that cannot be read
 * gives {@code false} with a {@link Result#reason() reason}.
 */
public final class MathEquivalence {

    /** Rounding to 6 decimal places, units ignored. */
    public static final MathEquivalence DEFAULT = builder().build();

    private final Equivalence equivalence;

    private MathEquivalence(Builder b) {
        equivalence = new Equivalence(b.decimalPlaces, b.relativeTolerance, b.ignoreUnits);
    }

    /**
     * Whether two answers are the same mathematics, with the default settings.
     *
     * @param expected the right answer
     * @param actual   the answer to check
     * @return true if they are equivalent; false if not, or if either cannot be read
     */
    public static boolean equivalent(String expected, String actual) {
        return DEFAULT.test(expected, actual);
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether two answers are the same mathematics, with these settings.
     *
     * @param expected the right answer
     * @param actual   the answer to check
     * @return true if they are equivalent
     */
    public boolean test(String expected, String actual) {
        return check(expected, actual).equivalent();
    }

    /**
     * Compares two answers and says why they are or are not equivalent.
     *
     * @param expected the right answer
     * @param actual   the answer to check
     * @return the verdict, both sides as parsed, and the reason
     */
    public Result check(String expected, String actual) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        Equivalence.Verdict verdict = equivalence.check(expected, actual);
        return new Result(verdict.equivalent(), verdict.expected(), verdict.actual(), verdict.reason());
    }

    /**
     * The verdict of a comparison.
     *
     * @param equivalent whether the two answers are the same mathematics
     * @param expected   the expected answer as parsed (or as written, when it could not be read)
     * @param actual     the actual answer as parsed (or as written)
     * @param reason     why: "equal", "1/2 ≠ 0.51 (after rounding to 6 decimal places)", "could not read …"
     */
    public record Result(boolean equivalent, String expected, String actual, String reason) {
    }

    /** Settings for a comparison; every setter returns the builder. */
    public static final class Builder {
        private int decimalPlaces = 6;
        private double relativeTolerance = 1e-9;
        private boolean ignoreUnits = true;

        private Builder() {
        }

        /**
         * @param places approximate values are equal when they agree after rounding to this many decimal places
         *               (0 to 15; default 6)
         * @return this builder
         */
        public Builder decimalPlaces(int places) {
            if (places < 0 || places > 15) {
                throw new IllegalArgumentException("decimalPlaces must be between 0 and 15, but was " + places);
            }
            decimalPlaces = places;
            return this;
        }

        /**
         * @param tolerance approximate values are also equal when they differ by at most this fraction of the
         *                  larger (default 1e-9, for large numbers whose decimals rounding cannot reach)
         * @return this builder
         */
        public Builder relativeTolerance(double tolerance) {
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw new IllegalArgumentException("relativeTolerance must be in [0, 1), but was " + tolerance);
            }
            relativeTolerance = tolerance;
            return this;
        }

        /**
         * @param ignore true (the default) to compare {@code 5 cm} and {@code 5} as equal; false to require the same
         *               unit words on both sides
         * @return this builder
         */
        public Builder ignoreUnits(boolean ignore) {
            ignoreUnits = ignore;
            return this;
        }

        /** @return the settings */
        public MathEquivalence build() {
            return new MathEquivalence(this);
        }
    }
}
