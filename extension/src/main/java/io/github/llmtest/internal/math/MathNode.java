package io.github.llmtest.internal.math;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The parsed form of an answer, evaluated for given values of its variables. */
sealed interface MathNode {

    MathValue eval(Map<String, Num> variables);

    /** Collects the variable names used. */
    void variables(Set<String> into);

    /** Thrown for an operation that makes no sense, such as adding a set to a number. */
    final class EvalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvalException(String message) {
            super(message, null, false, false);
        }
    }

    static Num number(MathValue value, String operation) {
        if (value instanceof MathValue.Number n) {
            return n.value();
        }
        throw new EvalException("cannot " + operation + " " + value);
    }

    record Literal(Num value) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            return new MathValue.Number(value);
        }

        public void variables(Set<String> into) {
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    record Variable(String name) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            Num value = variables.get(name);
            if (value == null) {
                throw new EvalException("no value for " + name);
            }
            return new MathValue.Number(value);
        }

        public void variables(Set<String> into) {
            into.add(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Binary(char op, MathNode left, MathNode right) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            MathValue l = left.eval(variables);
            MathValue r = right.eval(variables);
            if (l instanceof MathValue.Matrix || r instanceof MathValue.Matrix) {
                return Matrices.apply(op, l, r);
            }
            Num a = number(l, "apply " + op + " to");
            Num b = number(r, "apply " + op + " to");
            return new MathValue.Number(switch (op) {
                case '+' -> a.add(b);
                case '-' -> a.subtract(b);
                case '*' -> a.multiply(b);
                case '/' -> a.divide(b);
                case '^' -> a.pow(b);
                default -> throw new EvalException("unknown operator " + op);
            });
        }

        public void variables(Set<String> into) {
            left.variables(into);
            right.variables(into);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    record Negate(MathNode operand) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            return new MathValue.Number(number(operand.eval(variables), "negate").negate());
        }

        public void variables(Set<String> into) {
            operand.variables(into);
        }

        @Override
        public String toString() {
            return "-" + operand;
        }
    }

    record Function(String name, MathNode argument) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            Num x = number(argument.eval(variables), "apply " + name + " to");
            if (name.equals("sqrt")) {
                return new MathValue.Number(x.sqrt());
            }
            if (name.equals("abs")) {
                return new MathValue.Number(x.value() < 0 ? x.negate() : x);
            }
            double v = x.value();
            return new MathValue.Number(Num.approx(switch (name) {
                case "sin" -> Math.sin(v);
                case "cos" -> Math.cos(v);
                case "tan" -> Math.tan(v);
                case "cot" -> 1 / Math.tan(v);
                case "sec" -> 1 / Math.cos(v);
                case "csc" -> 1 / Math.sin(v);
                case "arcsin" -> Math.asin(v);
                case "arccos" -> Math.acos(v);
                case "arctan" -> Math.atan(v);
                case "ln" -> Math.log(v);
                case "log" -> Math.log10(v);
                case "exp" -> Math.exp(v);
                default -> throw new EvalException("unknown function " + name);
            }));
        }

        public void variables(Set<String> into) {
            argument.variables(into);
        }

        @Override
        public String toString() {
            return name + "(" + argument + ")";
        }
    }

    /** The n-th root. */
    record Root(MathNode degree, MathNode radicand) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            Num n = number(degree.eval(variables), "take a root of degree");
            Num x = number(radicand.eval(variables), "take the root of");
            return new MathValue.Number(x.pow(Num.of(1).divide(n)));
        }

        public void variables(Set<String> into) {
            degree.variables(into);
            radicand.variables(into);
        }
    }

    /** {@code a \pm b}: both values. */
    record PlusMinus(MathNode left, MathNode right) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            Num a = number(left.eval(variables), "apply ± to");
            Num b = number(right.eval(variables), "apply ± to");
            return new MathValue.Set(List.of(new MathValue.Number(a.add(b)), new MathValue.Number(a.subtract(b))));
        }

        public void variables(Set<String> into) {
            left.variables(into);
            right.variables(into);
        }
    }

    record Group(char open, char close, List<MathNode> items) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            return new MathValue.Tuple(open, close, evalAll(items, variables));
        }

        public void variables(Set<String> into) {
            items.forEach(i -> i.variables(into));
        }
    }

    record SetOf(List<MathNode> items) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            return new MathValue.Set(evalAll(items, variables));
        }

        public void variables(Set<String> into) {
            items.forEach(i -> i.variables(into));
        }
    }

    record UnionOf(List<MathNode> parts) implements MathNode {
        /** A union of sets is the set of all their members; a union of intervals stays a union. */
        public MathValue eval(Map<String, Num> variables) {
            List<MathValue> values = evalAll(parts, variables);
            if (values.stream().allMatch(v -> v instanceof MathValue.Set)) {
                List<MathValue> members = new ArrayList<>();
                values.forEach(v -> members.addAll(((MathValue.Set) v).items()));
                return new MathValue.Set(members);
            }
            return new MathValue.Union(values);
        }

        public void variables(Set<String> into) {
            parts.forEach(i -> i.variables(into));
        }
    }

    record MatrixOf(List<List<MathNode>> rows) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            List<List<MathValue>> values = new ArrayList<>();
            rows.forEach(r -> values.add(evalAll(r, variables)));
            return new MathValue.Matrix(values);
        }

        public void variables(Set<String> into) {
            rows.forEach(r -> r.forEach(i -> i.variables(into)));
        }
    }

    /** {@code x = 5}, {@code |PQ| = 3}: a label and the value it names. */
    record Labelled(String label, MathNode value) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            return new MathValue.Equation(label, value.eval(variables));
        }

        public void variables(Set<String> into) {
            value.variables(into);
        }

        @Override
        public String toString() {
            return label + " = " + value;
        }
    }

    /** The relations between neighbouring parts: {@code a < b ≤ c}, {@code y = 2x + 1}, {@code x ∈ S}. */
    enum Rel {
        EQ("="), APPROX("≈"), LT("<"), LE("≤"), GT(">"), GE("≥"), NE("≠"), IN("∈");

        final String symbol;

        Rel(String symbol) {
            this.symbol = symbol;
        }
    }

    /**
     * A chain of relations. It has no value of its own: {@link Equivalence} first turns what it can into values
     * (labelled values, intervals) and compares the rest as relations.
     */
    record Relation(List<MathNode> parts, List<Rel> ops) implements MathNode {
        public MathValue eval(Map<String, Num> variables) {
            throw new EvalException("cannot evaluate the relation " + this);
        }

        public void variables(Set<String> into) {
            parts.forEach(p -> p.variables(into));
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(parts.get(0).toString());
            for (int i = 0; i < ops.size(); i++) {
                out.append(' ').append(ops.get(i).symbol).append(' ').append(parts.get(i + 1));
            }
            return out.toString();
        }
    }

    /** {@code \sum_{k=1}^{10} k^2} or {@code \prod}: evaluated term by term between integer bounds. */
    record Series(boolean product, String index, MathNode from, MathNode to, MathNode body) implements MathNode {
        /** More terms than this are not a written answer. */
        static final int MAX_TERMS = 10_000;

        public MathValue eval(Map<String, Num> variables) {
            Num lo = number(from.eval(variables), "start a sum at");
            Num hi = number(to.eval(variables), "end a sum at");
            if (!lo.isInteger() || !hi.isInteger()) {
                throw new EvalException("the bounds of a sum must be integers, not " + lo + " and " + hi);
            }
            long first = lo.p.longValueExact();
            long last = hi.p.longValueExact();
            if (last - first >= MAX_TERMS) {
                throw new EvalException("a sum of more than " + MAX_TERMS + " terms");
            }
            Map<String, Num> scope = new HashMap<>(variables);
            Num total = Num.of(product ? 1 : 0);
            for (long k = first; k <= last; k++) {
                scope.put(index, Num.of(k));
                Num term = number(body.eval(scope), "add up");
                total = product ? total.multiply(term) : total.add(term);
            }
            return new MathValue.Number(total);
        }

        public void variables(Set<String> into) {
            Set<String> inner = new java.util.TreeSet<>();
            body.variables(inner);
            inner.remove(index);
            into.addAll(inner);
            from.variables(into);
            to.variables(into);
        }

        @Override
        public String toString() {
            return (product ? "prod" : "sum") + "_{" + index + "=" + from + "}^{" + to + "} " + body;
        }
    }

    private static List<MathValue> evalAll(List<MathNode> nodes, Map<String, Num> variables) {
        return nodes.stream().map(n -> n.eval(variables)).collect(Collectors.toList());
    }
}
