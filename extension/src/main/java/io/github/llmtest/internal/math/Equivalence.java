package io.github.llmtest.internal.math;

import io.github.llmtest.internal.Texts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The comparison behind {@code io.github.llmtest.answer.MathEquivalence}: parses both sides, then compares values
 * exactly where both are exact, after rounding where not, and expressions with variables at random rational points.
 */
public final class Equivalence {

    private static final int POINTS = 6;
    private static final int MIN_VALID_POINTS = 3;

    private final int decimalPlaces;
    private final double relativeTolerance;
    private final boolean ignoreUnits;

    /**
     * The verdict of a comparison.
     *
     * @param equivalent whether the two answers are the same mathematics
     * @param expected   the expected answer as parsed (or as written, when it could not be read)
     * @param actual     the actual answer as parsed (or as written)
     * @param reason     why
     */
    public record Verdict(boolean equivalent, String expected, String actual, String reason) {
    }

    /**
     * @param decimalPlaces     approximate values are equal when they agree after rounding to this many places
     * @param relativeTolerance approximate values are also equal within this fraction of the larger
     * @param ignoreUnits       whether unit words may differ
     */
    public Equivalence(int decimalPlaces, double relativeTolerance, boolean ignoreUnits) {
        this.decimalPlaces = decimalPlaces;
        this.relativeTolerance = relativeTolerance;
        this.ignoreUnits = ignoreUnits;
    }

    /**
     * Compares two answers; never throws.
     *
     * @param expected the right answer
     * @param actual   the answer to check
     * @return the verdict
     */
    public Verdict check(String expected, String actual) {
        if (expected.strip().equals(actual.strip())) {
            return new Verdict(true, expected, actual, "the same text");
        }
        try {
            return compare(expected, actual);
        } catch (StackOverflowError e) {
            return new Verdict(false, expected, actual, "could not compare them: they are nested too deeply to "
                    + "evaluate");
        } catch (RuntimeException e) {
            return new Verdict(false, expected, actual, "could not compare them: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /**
     * The value of a constant expression such as {@code 2\sqrt{5}}, {@code \frac{\sqrt{3}}{2}} or {@code x = 2^{10}}:
     * exact where the arithmetic is, else to 15 significant digits. Never throws.
     *
     * @param text the expression
     * @return its value, or empty when it is not a constant number
     */
    public static Optional<BigDecimal> constant(String text) {
        try {
            MathNode node = Relations.normalize(MathParser.parse(text).node());
            if (node instanceof MathNode.Labelled labelled) {
                node = labelled.value();
            }
            Set<String> variables = new TreeSet<>();
            node.variables(variables);
            if (!variables.isEmpty() || !(node.eval(Map.of()) instanceof MathValue.Number n)
                    || !Double.isFinite(n.value().value())) {
                return Optional.empty();
            }
            Num value = n.value();
            BigDecimal decimal = value.exact
                    ? new BigDecimal(value.p).divide(new BigDecimal(value.q), MathContext.DECIMAL128)
                    : new BigDecimal(value.value(), new MathContext(15));
            return Optional.of(decimal.stripTrailingZeros());
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    private Verdict compare(String expected, String actual) {
        ClockTime clockA = ClockTime.read(expected);
        ClockTime clockB = ClockTime.read(actual);
        if (clockA != null && clockB != null) {
            boolean same = clockA.sameTimeAs(clockB);
            return new Verdict(same, clockA.toString(), clockB.toString(), same ? "the same time of day"
                    : "different times of day: " + clockA + " and " + clockB);
        }
        if ((clockA != null || clockB != null) && (clockA == null ? expected : actual).indexOf(':') < 0) {
            return new Verdict(false, expected, actual, "a time of day is not a number: "
                    + (clockA != null ? clockA : clockB));
        }
        MathParser.Parsed a;
        MathParser.Parsed b;
        try {
            a = MathParser.parse(expected);
        } catch (MathParser.ParseException e) {
            return textFallback(expected, actual, "could not read the expected answer '" + Texts.head(expected, 80) + "': "
                    + e.getMessage());
        }
        try {
            b = MathParser.parse(actual);
        } catch (MathParser.ParseException e) {
            return textFallback(expected, actual, "could not read the actual answer '" + Texts.head(actual, 80) + "': "
                    + e.getMessage());
        }
        if (!ignoreUnits && !lower(a.units()).equals(lower(b.units()))) {
            return new Verdict(false, describe(a), describe(b), "the units differ: " + a.units() + " vs " + b.units());
        }
        MathNode na = Relations.normalize(a.node());
        MathNode nb = Relations.normalize(b.node());
        // labelled values against a bare list of values: AB = 4, CD = 5 against 4, 5 (a list, so in any order)
        na = assignedAsList(a.node(), na, nb);
        nb = assignedAsList(b.node(), nb, na);
        boolean relationA = Relations.isRelational(na);
        boolean relationB = Relations.isRelational(nb);
        if (relationA != relationB) {
            // x = 3 against 2x = 6: the labelled value is an equation too
            MathNode other = Relations.asRelation(relationA ? nb : na);
            if (other != null) {
                na = relationA ? na : other;
                nb = relationA ? other : nb;
                relationA = true;
                relationB = true;
            }
        }
        if (relationA || relationB) {
            if (relationA != relationB) {
                return new Verdict(false, na.toString(), nb.toString(), "a relation is not a value: "
                        + (relationA ? na : nb) + " states a relation, " + (relationA ? nb : na) + " does not");
            }
            String why = Relations.compare(na, nb);
            return new Verdict(why == null, na.toString(), nb.toString(), why == null ? "the same relations" : why);
        }
        Set<String> variables = new TreeSet<>();
        na.variables(variables);
        nb.variables(variables);
        if (variables.isEmpty()) {
            MathValue va = na.eval(Map.of());
            MathValue vb = nb.eval(Map.of());
            String why = difference(va, vb, relativeTolerance);
            return new Verdict(why == null, va.toString(), vb.toString(), why == null ? "equal" : why);
        }
        return identity(na, nb, variables);
    }

    /** The values of a list of assignments as a list, when the other side is a list; else the node unchanged. */
    private static MathNode assignedAsList(MathNode raw, MathNode normalized, MathNode other) {
        if (raw instanceof MathNode.SetOf && normalized instanceof MathNode.Group group
                && other instanceof MathNode.SetOf list && list.items().size() == group.items().size()) {
            return new MathNode.SetOf(group.items());
        }
        return normalized;
    }

    /** Identity testing: both sides agree at several random rational points. */
    private Verdict identity(MathNode a, MathNode b, Set<String> variables) {
        int valid = 0;
        for (Map<String, Num> values : Relations.points(variables)) {
            if (valid >= POINTS) {
                break;
            }
            MathValue va;
            MathValue vb;
            try {
                va = a.eval(values);
                vb = b.eval(values);
            } catch (MathNode.EvalException e) {
                return new Verdict(false, a.toString(), b.toString(), e.getMessage());
            }
            if (!finite(va) || !finite(vb)) {
                continue;
            }
            String why = difference(va, vb, Math.max(relativeTolerance, 1e-9));
            if (why != null) {
                return new Verdict(false, a.toString(), b.toString(), "they differ at " + values + ": " + why);
            }
            valid++;
        }
        if (valid < MIN_VALID_POINTS) {
            return new Verdict(false, a.toString(), b.toString(),
                    "they could not be evaluated at enough points to compare them");
        }
        return new Verdict(true, a.toString(), b.toString(), "equal at " + valid + " random values of " + variables);
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
    private static Verdict textFallback(String expected, String actual, String reason) {
        String a = normalizeText(expected);
        String b = normalizeText(actual);
        if (!a.isEmpty() && a.equals(b)) {
            return new Verdict(true, a, b, "the same text");
        }
        return new Verdict(false, expected, actual, reason);
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

}
