package io.github.llmtest.internal.math;

import io.github.llmtest.internal.math.MathNode.Rel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Inequalities of an absolute value as the interval, or the union of two intervals, of its variable. */
final class AbsoluteValues {

    private AbsoluteValues() {
    }

    /**
     * {@code |x - 1| \le 2}, {@code |x| > 2}, {@code 1 \le |z| \le \frac{3}{2}}: an absolute value of a line
     * bounded by numbers is the interval, or the union of two intervals, of the line's variable; null for anything
     * else.
     */
    static MathNode interval(List<MathNode> parts, List<Rel> ops) {
        Num low = null;
        Num high = null;
        boolean lowStrict = false;
        boolean highStrict = false;
        MathNode inside;
        if (parts.size() == 2) {
            boolean absLeft = isAbs(parts.get(0));
            if (absLeft == isAbs(parts.get(1))) {
                return null;
            }
            inside = ((MathNode.Function) parts.get(absLeft ? 0 : 1)).argument();
            Num bound = constantValue(parts.get(absLeft ? 1 : 0));
            Rel op = ops.get(0);
            // |L| op c, or c op |L| read as |L| (op flipped) c
            boolean below = absLeft == (op == Rel.LT || op == Rel.LE);
            boolean strict = op == Rel.LT || op == Rel.GT;
            if (below) {
                high = bound;
                highStrict = strict;
            } else {
                low = bound;
                lowStrict = strict;
            }
        } else if (parts.size() == 3 && isAbs(parts.get(1))) {
            inside = ((MathNode.Function) parts.get(1)).argument();
            boolean rising = (ops.get(0) == Rel.LT || ops.get(0) == Rel.LE)
                    && (ops.get(1) == Rel.LT || ops.get(1) == Rel.LE);
            boolean falling = (ops.get(0) == Rel.GT || ops.get(0) == Rel.GE)
                    && (ops.get(1) == Rel.GT || ops.get(1) == Rel.GE);
            if (!rising && !falling) {
                return null;
            }
            low = constantValue(parts.get(rising ? 0 : 2));
            high = constantValue(parts.get(rising ? 2 : 0));
            lowStrict = (rising ? ops.get(0) : ops.get(1)) == Rel.LT || (rising ? ops.get(0) : ops.get(1)) == Rel.GT;
            highStrict = (rising ? ops.get(1) : ops.get(0)) == Rel.LT || (rising ? ops.get(1) : ops.get(0)) == Rel.GT;
            if (low == null || high == null) {
                return null;
            }
        } else {
            return null;
        }
        Line line = Line.of(inside);
        if (line == null || low == null && high == null) {
            return null;
        }
        // the values of the line: |L| between low and high
        List<MathNode> pieces = new ArrayList<>();
        boolean touchesZero = low == null || low.value() < 0 || low.value() == 0 && !lowStrict;
        if (touchesZero) {
            pieces.add(through(line, negate(high), highStrict, high, highStrict));
        } else {
            pieces.add(through(line, negate(high), highStrict, low.negate(), lowStrict));
            pieces.add(through(line, low, lowStrict, high, highStrict));
        }
        pieces.sort(Comparator.comparingDouble(p -> lowEnd(p)));
        return pieces.size() == 1 ? pieces.get(0) : new MathNode.UnionOf(pieces);
    }

    private static boolean isAbs(MathNode node) {
        return node instanceof MathNode.Function f && f.name().equals("abs");
    }

    private static Num constantValue(MathNode node) {
        if (!Relations.constant(node)) {
            return null;
        }
        try {
            return node.eval(Map.of()) instanceof MathValue.Number n ? n.value() : null;
        } catch (MathNode.EvalException e) {
            return null;
        }
    }

    /** Minus the bound, or null (no bound: infinity) for null. */
    private static Num negate(Num bound) {
        return bound == null ? null : bound.negate();
    }

    /** The interval of the variable where the line runs from {@code from} to {@code to} (null: infinite). */
    private static MathNode through(Line line, Num from, boolean fromStrict, Num to, boolean toStrict) {
        MathNode a = from == null ? Relations.MINUS_INFINITY : new MathNode.Literal(from.subtract(line.intercept())
                .divide(line.slope()));
        MathNode b = to == null ? Relations.PLUS_INFINITY : new MathNode.Literal(to.subtract(line.intercept())
                .divide(line.slope()));
        boolean aStrict = from == null || fromStrict;
        boolean bStrict = to == null || toStrict;
        if (line.slope().value() > 0) {
            return Relations.interval(aStrict ? '(' : '[', a, b, bStrict ? ')' : ']');
        }
        MathNode low = to == null ? Relations.MINUS_INFINITY : b;
        MathNode high = from == null ? Relations.PLUS_INFINITY : a;
        return Relations.interval(bStrict ? '(' : '[', low, high, aStrict ? ')' : ']');
    }

    private static double lowEnd(MathNode interval) {
        MathNode low = ((MathNode.Group) interval).items().get(0);
        return low instanceof MathNode.Literal literal ? literal.value().value() : 0;
    }
}
