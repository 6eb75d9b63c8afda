package io.github.llmtest.internal.math;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What a parsed answer evaluates to: a number, a tuple or interval, a set, a union, a matrix or an equation. */
sealed interface MathValue {

    record Number(Num value) implements MathValue {
        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** {@code (a, b)}, {@code [a, b)}: ordered; the brackets matter, so intervals are tuples with their ends. */
    record Tuple(char open, char close, List<MathValue> items) implements MathValue {
        @Override
        public String toString() {
            return open + items.stream().map(Object::toString).collect(Collectors.joining(", ")) + close;
        }
    }

    /** {@code \{a, b\}}, a bare list {@code a, b}, or the two values of {@code \pm}: order does not matter. */
    record Set(List<MathValue> items) implements MathValue {
        @Override
        public String toString() {
            return "{" + items.stream().map(Object::toString).collect(Collectors.joining(", ")) + "}";
        }
    }

    record Union(List<MathValue> parts) implements MathValue {
        @Override
        public String toString() {
            return parts.stream().map(Object::toString).collect(Collectors.joining(" ∪ "));
        }
    }

    record Matrix(List<List<MathValue>> rows) implements MathValue {
        @Override
        public String toString() {
            List<String> out = new ArrayList<>();
            rows.forEach(r -> out.add(r.stream().map(Object::toString).collect(Collectors.joining(" & "))));
            return "matrix[" + String.join(" \\\\ ", out) + "]";
        }
    }

    /** {@code x = 5}: the left side as written, the right side evaluated. */
    record Equation(String left, MathValue right) implements MathValue {
        @Override
        public String toString() {
            return left + " = " + right;
        }
    }
}
