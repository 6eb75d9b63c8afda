package io.github.llmtest.internal.math;

import io.github.llmtest.internal.math.MathNode.Rel;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * What relations mean for comparing answers, without a computer algebra system.
 *
 * <ul>
 *   <li>{@code x = 5}, {@code |PQ| = 3}, {@code y \approx 2.5}, {@code x = 2+2+3 = 7}: a label and a value become
 *       a labelled value (the last value stands, or the exact one before an approximation); {@code (p, q)},
 *       {@code \frac{NO}{BO}} and {@code \sin A} are labels too; {@code a = 2, b = 1} becomes the tuple
 *       {@code (2, 1)}, ordered by label.</li>
 *   <li>{@code 3 \geq y}, {@code -y < -2}: an inequality linear in one variable becomes its interval;
 *       {@code -1 \le t \le 4} and {@code 0 < g(t) < 2}, bounded by numbers on both sides, become the interval of
 *       the middle; {@code t \in [-1, 4]} becomes the set; {@code 1 \le |z| \le 2} becomes the union of intervals
 *       it describes ({@link AbsoluteValues}).</li>
 *   <li>Everything else is compared as relations: each is {@code E op 0} with {@code op} one of {@code =, <, ≤, ≠},
 *       and two are the same when their {@code E} are proportional (by any non-zero factor for {@code =} and
 *       {@code ≠}, by a positive one for inequalities), checked at random rational points.</li>
 * </ul>
 */
final class Relations {

    private static final int POINTS = 6;
    static final MathNode PLUS_INFINITY = new MathNode.Literal(Num.approx(Double.POSITIVE_INFINITY));
    static final MathNode MINUS_INFINITY = new MathNode.Literal(Num.approx(Double.NEGATIVE_INFINITY));

    /** One relation {@code difference op 0}, {@code op} one of EQ, LT, LE, NE. */
    record Atom(MathNode difference, Rel op) {
    }

    private Relations() {
    }

    /** The node with every relation that has a value turned into it; other relations stay. */
    static MathNode normalize(MathNode node) {
        if (node instanceof MathNode.Relation r) {
            return relation(r);
        }
        if (node instanceof MathNode.SetOf set) {
            List<MathNode> items = set.items().stream().map(Relations::normalize).toList();
            return assignments(items);
        }
        if (node instanceof MathNode.UnionOf union) {
            return new MathNode.UnionOf(union.parts().stream().map(Relations::normalize).toList());
        }
        if (node instanceof MathNode.Group group) {
            return new MathNode.Group(group.open(), group.close(),
                    group.items().stream().map(Relations::normalize).toList());
        }
        if (node instanceof MathNode.Labelled labelled) {
            return new MathNode.Labelled(labelled.label(), normalize(labelled.value()));
        }
        return node;
    }

    /** Whether the (normalized) node is a relation, or a list of relations (a system of equations). */
    static boolean isRelational(MathNode node) {
        if (node instanceof MathNode.Relation) {
            return true;
        }
        return node instanceof MathNode.SetOf set && !set.items().isEmpty()
                && set.items().stream().allMatch(Relations::isRelational);
    }

    /**
     * Compares two relational nodes.
     *
     * @return null when they are the same relations, else why not
     */
    static String compare(MathNode expected, MathNode actual) {
        List<Atom> a = atoms(expected);
        List<Atom> b = atoms(actual);
        if (a.size() != b.size()) {
            return "they state " + a.size() + " and " + b.size() + " relations";
        }
        List<Atom> left = new ArrayList<>(b);
        for (Atom atom : a) {
            Atom match = left.stream().filter(other -> same(atom, other)).findFirst().orElse(null);
            if (match == null) {
                return atom.difference() + " " + atom.op().symbol + " 0 has no equivalent relation on the other side";
            }
            left.remove(match);
        }
        return null;
    }

    // ------------------------------------------------------------------------------------- normalization

    private static MathNode relation(MathNode.Relation r) {
        List<MathNode> parts = r.parts();
        List<Rel> ops = r.ops();
        if (ops.stream().allMatch(op -> op == Rel.EQ || op == Rel.APPROX)) {
            return equality(r);
        }
        if (ops.size() == 1 && ops.get(0) == Rel.IN) {
            return normalize(parts.get(1));
        }
        if (ops.stream().allMatch(Relations::isInequality)) {
            MathNode absolute = AbsoluteValues.interval(parts, ops);
            if (absolute != null) {
                return absolute;
            }
            if (parts.size() == 2) {
                MathNode interval = linearInterval(parts.get(0), ops.get(0), parts.get(1));
                return interval != null ? interval : r;
            }
            if (parts.size() == 3 && constant(parts.get(0)) && constant(parts.get(2))) {
                MathNode interval = bounded(parts.get(0), ops.get(0), ops.get(1), parts.get(2));
                return interval != null ? interval : r;
            }
        }
        return r;
    }

    /**
     * {@code x = 5}, {@code x = 2+2+3 = 7}, {@code 2+2 = 4}: the last value; with a label in front, labelled. An
     * approximation written after the exact value does not replace it: {@code x = \frac{1}{3} \approx 0.33} is
     * {@code 1/3}.
     */
    private static MathNode equality(MathNode.Relation r) {
        List<MathNode> parts = r.parts();
        boolean restConstant = parts.subList(1, parts.size()).stream().allMatch(Relations::constant);
        if (!restConstant) {
            return r;
        }
        String label = label(parts.get(0));
        if (label == null && !constant(parts.get(0))) {
            return r;
        }
        int first = label != null ? 1 : 0;
        int value = parts.size() - 1;
        for (int i = first; i < r.ops().size(); i++) {
            if (r.ops().get(i) == Rel.APPROX) {
                value = i;
                break;
            }
        }
        MathNode exact = normalize(parts.get(value));
        return label != null ? new MathNode.Labelled(label, exact) : exact;
    }

    /**
     * A label: a variable, names written side by side ({@code AB}), or a function at a number ({@code f(3)}); null
     * for anything else.
     */
    private static String label(MathNode node) {
        if (node instanceof MathNode.Variable v) {
            return v.name();
        }
        if (node instanceof MathNode.Group g && g.open() == '(' && g.close() == ')' && g.items().size() > 1) {
            // (p, q) = (3, 2)
            List<String> names = new ArrayList<>();
            for (MathNode item : g.items()) {
                String name = label(item);
                if (name == null) {
                    return null;
                }
                names.add(name);
            }
            return "(" + String.join(", ", names) + ")";
        }
        if (node instanceof MathNode.Function f && !f.name().equals("abs") && label(f.argument()) != null) {
            return f.name() + " " + label(f.argument()); // \sin A = 3/5
        }
        if (node instanceof MathNode.Binary b && b.op() == '/' && label(b.left()) != null
                && label(b.right()) != null) {
            return label(b.left()) + "/" + label(b.right()); // \frac{NO}{BO} = 1/\sqrt{6}
        }
        if (node instanceof MathNode.Binary b && b.op() == '*') {
            String left = label(b.left());
            String right = label(b.right());
            if (left != null && right != null) {
                return left + right;
            }
            if (b.left() instanceof MathNode.Variable f && f.name().length() == 1 && constant(b.right())) {
                return f.name() + "(" + b.right() + ")";
            }
        }
        return null;
    }

    /**
     * {@code x = 5} as the relation {@code x - 5 = 0}, to compare with an equation such as {@code 2x = 10}; null
     * when the node is not a labelled value of a plain variable.
     */
    static MathNode asRelation(MathNode node) {
        if (node instanceof MathNode.Labelled labelled && labelled.label().matches("[A-Za-z](_\\w+)?")) {
            return new MathNode.Relation(List.of(new MathNode.Variable(labelled.label()), labelled.value()),
                    List.of(Rel.EQ));
        }
        return null;
    }

    /** {@code a = 2, b = 1}: a list of values with distinct labels is the tuple of the values, by label. */
    private static MathNode assignments(List<MathNode> items) {
        boolean allLabelled = items.size() > 1 && items.stream().allMatch(i -> i instanceof MathNode.Labelled);
        if (allLabelled && items.stream().map(i -> ((MathNode.Labelled) i).label()).distinct().count()
                == items.size()) {
            List<MathNode> values = items.stream().map(i -> (MathNode.Labelled) i)
                    .sorted(Comparator.comparing(MathNode.Labelled::label)).map(MathNode.Labelled::value).toList();
            return new MathNode.Group('(', ')', values);
        }
        return new MathNode.SetOf(items);
    }

    private static boolean isInequality(Rel op) {
        return op == Rel.LT || op == Rel.LE || op == Rel.GT || op == Rel.GE;
    }

    static boolean constant(MathNode node) {
        Set<String> variables = new HashSet<>();
        node.variables(variables);
        return variables.isEmpty();
    }

    /** {@code a < E \le b} with numbers at both ends: the interval of E's values. */
    private static MathNode bounded(MathNode low, Rel first, Rel second, MathNode high) {
        boolean rising = (first == Rel.LT || first == Rel.LE) && (second == Rel.LT || second == Rel.LE);
        boolean falling = (first == Rel.GT || first == Rel.GE) && (second == Rel.GT || second == Rel.GE);
        if (rising) {
            return interval(first == Rel.LT ? '(' : '[', low, high, second == Rel.LT ? ')' : ']');
        }
        if (falling) {
            return interval(second == Rel.GT ? '(' : '[', high, low, first == Rel.GT ? ')' : ']');
        }
        return null;
    }

    static MathNode interval(char open, MathNode low, MathNode high, char close) {
        return new MathNode.Group(open, close, List.of(low, high));
    }

    /** {@code L op R} linear in one variable: the interval of that variable, or null. */
    private static MathNode linearInterval(MathNode left, Rel op, MathNode right) {
        Line line = Line.of(new MathNode.Binary('-', left, right));
        if (line == null) {
            return null;
        }
        Num slope = line.slope();
        Num d0 = line.intercept();
        MathNode root = new MathNode.Literal(d0.negate().divide(slope));
        // difference op 0, with the difference rising in the variable when the slope is positive
        boolean below = (op == Rel.LT || op == Rel.LE) == slope.value() > 0;
        boolean strict = op == Rel.LT || op == Rel.GT;
        return below ? interval('(', MINUS_INFINITY, root, strict ? ')' : ']')
                : interval(strict ? '(' : '[', root, PLUS_INFINITY, ')');
    }

    static Num at(MathNode node, String variable, Num value) {
        try {
            MathValue v = node.eval(Map.of(variable, value));
            return v instanceof MathValue.Number n && Double.isFinite(n.value().value()) ? n.value() : null;
        } catch (MathNode.EvalException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------- comparison

    private static List<Atom> atoms(MathNode node) {
        List<Atom> atoms = new ArrayList<>();
        if (node instanceof MathNode.SetOf set) {
            set.items().forEach(item -> atoms.addAll(atoms(item)));
            return atoms;
        }
        MathNode.Relation r = (MathNode.Relation) node;
        for (int i = 0; i < r.ops().size(); i++) {
            MathNode left = r.parts().get(i);
            MathNode right = r.parts().get(i + 1);
            atoms.add(switch (r.ops().get(i)) {
                case EQ, APPROX -> new Atom(new MathNode.Binary('-', left, right), Rel.EQ);
                case NE -> new Atom(new MathNode.Binary('-', left, right), Rel.NE);
                case LT -> new Atom(new MathNode.Binary('-', left, right), Rel.LT);
                case LE -> new Atom(new MathNode.Binary('-', left, right), Rel.LE);
                case GT -> new Atom(new MathNode.Binary('-', right, left), Rel.LT);
                case GE -> new Atom(new MathNode.Binary('-', right, left), Rel.LE);
                case IN -> throw new MathNode.EvalException("cannot compare a membership of " + left);
            });
        }
        return atoms;
    }

    /** Same relation: the differences are proportional, by a positive factor for inequalities. */
    private static boolean same(Atom a, Atom b) {
        if (a.op() != b.op()) {
            return false;
        }
        Set<String> variables = new TreeSet<>();
        a.difference().variables(variables);
        b.difference().variables(variables);
        Double factor = null;
        int valid = 0;
        for (Map<String, Num> point : points(variables)) {
            Double x = value(a.difference(), point);
            Double y = value(b.difference(), point);
            if (x == null || y == null) {
                continue;
            }
            double scale = Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
            if (Math.abs(y) <= 1e-12 * scale) {
                if (Math.abs(x) > 1e-9 * scale) {
                    return false;
                }
                continue;
            }
            double k = x / y;
            if (factor == null) {
                factor = k;
            } else if (Math.abs(k - factor) > 1e-9 * Math.max(1, Math.abs(factor))) {
                return false;
            }
            valid++;
        }
        boolean enough = variables.isEmpty() ? valid == 1 : valid >= 3;
        return enough && factor != null && (a.op() == Rel.EQ || a.op() == Rel.NE ? factor != 0 : factor > 0);
    }

    private static Double value(MathNode node, Map<String, Num> point) {
        try {
            MathValue v = node.eval(point);
            if (v instanceof MathValue.Number n && Double.isFinite(n.value().value())) {
                return n.value().value();
            }
        } catch (MathNode.EvalException e) {
            // undefined at this point: try another
        }
        return null;
    }

    /** Random rational points (seeded, so verdicts repeat); a single empty point when there are no variables. */
    static List<Map<String, Num>> points(Set<String> variables) {
        if (variables.isEmpty()) {
            return List.of(Map.of());
        }
        Random random = new Random(20260101L);
        List<Map<String, Num>> points = new ArrayList<>();
        for (int p = 0; p < POINTS * 3; p++) {
            Map<String, Num> values = new HashMap<>();
            for (String v : variables) {
                int numerator = random.nextInt(19) - 9;
                values.put(v, Num.exact(BigInteger.valueOf(numerator == 0 ? 11 : numerator),
                        BigInteger.valueOf(1 + random.nextInt(7))));
            }
            points.add(values);
        }
        return points;
    }
}
