package io.github.llmtest.answer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

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
 * {@code \times} {@code \div}, {@code \left} {@code \right}, {@code ^\circ}, {@code \%}, {@code \text{…}} and unit
 * words after a value, sin, cos, tan, log (base 10), ln, exp, variables, equations, tuples, sets, intervals and
 * their unions, {@code \pm}, and matrices.
 *
 * <p><b>Decides</b> with exact rational arithmetic when both sides are exact (integers, fractions and what follows
 * from them); a decimal literal such as {@code 0.333333}, a root or a function value is approximate, and then the
 * two values are equal when they agree after rounding to 6 decimal places (Math-Verify's convention; see
 * {@link Builder#decimalPlaces(int)}). Expressions with variables are compared by evaluating both at several
 * random rational points, which needs no computer algebra system.
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

    private static final int POINTS = 6;
    private static final int MIN_VALID_POINTS = 3;

    private final int decimalPlaces;
    private final double relativeTolerance;
    private final boolean ignoreUnits;

    private MathEquivalence(Builder b) {
        decimalPlaces = b.decimalPlaces;
        relativeTolerance = b.relativeTolerance;
        ignoreUnits = b.ignoreUnits;
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
        try {
            return compare(expected, actual);
        } catch (RuntimeException | StackOverflowError e) {
            return new Result(false, expected, actual, "could not compare them: " + e.getMessage());
        }
    }

    private Result compare(String expected, String actual) {
        MathParser.Parsed a;
        MathParser.Parsed b;
        try {
            a = MathParser.parse(expected);
        } catch (MathParser.ParseException e) {
            return textFallback(expected, actual, "could not read the expected answer '" + clip(expected) + "': "
                    + e.getMessage());
        }
        try {
            b = MathParser.parse(actual);
        } catch (MathParser.ParseException e) {
            return textFallback(expected, actual, "could not read the actual answer '" + clip(actual) + "': "
                    + e.getMessage());
        }
        if (!ignoreUnits && !lower(a.units()).equals(lower(b.units()))) {
            return new Result(false, describe(a), describe(b), "the units differ: " + a.units() + " vs " + b.units());
        }
        Set<String> variables = new TreeSet<>();
        a.node().variables(variables);
        b.node().variables(variables);
        if (variables.isEmpty()) {
            MathValue va = a.node().eval(Map.of());
            MathValue vb = b.node().eval(Map.of());
            String why = difference(va, vb, relativeTolerance);
            return new Result(why == null, va.toString(), vb.toString(), why == null ? "equal" : why);
        }
        return identity(a, b, variables);
    }

    /** Identity testing: both sides agree at several random rational points. */
    private Result identity(MathParser.Parsed a, MathParser.Parsed b, Set<String> variables) {
        Random random = new Random(20260101L);
        int valid = 0;
        for (int point = 0; point < POINTS * 3 && valid < POINTS; point++) {
            Map<String, Num> values = new HashMap<>();
            for (String v : variables) {
                int numerator = random.nextInt(19) - 9;
                values.put(v, Num.exact(java.math.BigInteger.valueOf(numerator == 0 ? 11 : numerator),
                        java.math.BigInteger.valueOf(1 + random.nextInt(7))));
            }
            MathValue va;
            MathValue vb;
            try {
                va = a.node().eval(values);
                vb = b.node().eval(values);
            } catch (MathNode.EvalException e) {
                return new Result(false, a.node().toString(), b.node().toString(), e.getMessage());
            }
            if (!finite(va) || !finite(vb)) {
                continue;
            }
            String why = difference(va, vb, Math.max(relativeTolerance, 1e-9));
            if (why != null) {
                return new Result(false, a.node().toString(), b.node().toString(),
                        "they differ at " + values + ": " + why);
            }
            valid++;
        }
        if (valid < MIN_VALID_POINTS) {
            return new Result(false, a.node().toString(), b.node().toString(),
                    "they could not be evaluated at enough points to compare them");
        }
        return new Result(true, a.node().toString(), b.node().toString(),
                "equal at " + valid + " random values of " + variables);
    }

    private static boolean finite(MathValue v) {
        return !(v instanceof MathValue.Number n) || Double.isFinite(n.value().value());
    }

    /** Null when the two values are the same, else a short reason. */
    private String difference(MathValue a, MathValue b, double tolerance) {
        if (a instanceof MathValue.Equation ea && !(b instanceof MathValue.Equation)) {
            return difference(ea.right(), b, tolerance);
        }
        if (b instanceof MathValue.Equation eb && !(a instanceof MathValue.Equation)) {
            return difference(a, eb.right(), tolerance);
        }
        if (a instanceof MathValue.Number na && b instanceof MathValue.Number nb) {
            return na.value().sameAs(nb.value(), decimalPlaces, tolerance) ? null
                    : na + " ≠ " + nb + (na.value().exact && nb.value().exact ? " (exactly)"
                    : " (after rounding to " + decimalPlaces + " decimal places)");
        }
        if (a instanceof MathValue.Equation ea && b instanceof MathValue.Equation eb) {
            if (!ea.left().replace(" ", "").equals(eb.left().replace(" ", ""))) {
                return "the left sides differ: " + ea.left() + " vs " + eb.left();
            }
            return difference(ea.right(), eb.right(), tolerance);
        }
        if (a instanceof MathValue.Tuple ta && b instanceof MathValue.Tuple tb) {
            if (ta.open() != tb.open() || ta.close() != tb.close()) {
                return "the brackets differ: " + ta.open() + "…" + ta.close() + " vs " + tb.open() + "…" + tb.close();
            }
            return pairwise(ta.items(), tb.items(), tolerance);
        }
        if (a instanceof MathValue.Matrix ma && b instanceof MathValue.Matrix mb) {
            if (ma.rows().size() != mb.rows().size()) {
                return "the matrices have " + ma.rows().size() + " and " + mb.rows().size() + " rows";
            }
            for (int r = 0; r < ma.rows().size(); r++) {
                String why = pairwise(ma.rows().get(r), mb.rows().get(r), tolerance);
                if (why != null) {
                    return "row " + (r + 1) + ": " + why;
                }
            }
            return null;
        }
        List<MathValue> sa = members(a);
        List<MathValue> sb = members(b);
        if (sa != null && sb != null) {
            return unordered(sa, sb, tolerance);
        }
        return "a " + kind(a) + " is not a " + kind(b);
    }

    /** The members of a set or union, or null for anything else. */
    private static List<MathValue> members(MathValue v) {
        if (v instanceof MathValue.Set s) {
            return s.items();
        }
        if (v instanceof MathValue.Union u) {
            return u.parts();
        }
        return null;
    }

    private String pairwise(List<MathValue> a, List<MathValue> b, double tolerance) {
        if (a.size() != b.size()) {
            return "they have " + a.size() + " and " + b.size() + " elements";
        }
        for (int i = 0; i < a.size(); i++) {
            String why = difference(a.get(i), b.get(i), tolerance);
            if (why != null) {
                return "element " + (i + 1) + ": " + why;
            }
        }
        return null;
    }

    private String unordered(List<MathValue> a, List<MathValue> b, double tolerance) {
        if (a.size() != b.size()) {
            return "they have " + a.size() + " and " + b.size() + " elements";
        }
        List<MathValue> left = new ArrayList<>(b);
        for (MathValue item : a) {
            int match = -1;
            for (int j = 0; j < left.size() && match < 0; j++) {
                if (difference(item, left.get(j), tolerance) == null) {
                    match = j;
                }
            }
            if (match < 0) {
                return item + " has no equal on the other side";
            }
            left.remove(match);
        }
        return null;
    }

    private static String kind(MathValue v) {
        if (v instanceof MathValue.Tuple t) {
            return t.open() == '(' && t.close() == ')' ? "tuple" : "interval or list";
        }
        if (v instanceof MathValue.Number) {
            return "number";
        }
        return v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** When neither side is mathematics (a letter choice, a word), identical text still counts. */
    private static Result textFallback(String expected, String actual, String reason) {
        String a = normalizeText(expected);
        String b = normalizeText(actual);
        if (!a.isEmpty() && a.equals(b)) {
            return new Result(true, a, b, "the same text");
        }
        return new Result(false, expected, actual, reason);
    }

    private static String normalizeText(String s) {
        String prepared;
        try {
            prepared = MathText.prepare(s.length() > 4 * MathParser.MAX_LENGTH ? "" : s);
        } catch (RuntimeException e) {
            prepared = s;
        }
        return prepared.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    private static Set<String> lower(Set<String> units) {
        Set<String> out = new TreeSet<>();
        units.forEach(u -> out.add(u.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static String describe(MathParser.Parsed p) {
        return p.node().toString();
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
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
