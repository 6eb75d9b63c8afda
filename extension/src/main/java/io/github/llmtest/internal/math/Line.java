package io.github.llmtest.internal.math;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node linear in its one variable, as {@code slope · variable + intercept}: found by evaluating it at a few
 * rational points, with no algebra.
 *
 * @param variable  the one variable
 * @param slope     the non-zero slope
 * @param intercept the value at zero
 */
record Line(String variable, Num slope, Num intercept) {

    /** The node as a line, or null when it is not linear in exactly one variable. */
    static Line of(MathNode node) {
        Set<String> variables = new TreeSet<>();
        node.variables(variables);
        if (variables.size() != 1) {
            return null;
        }
        String variable = variables.iterator().next();
        Num d0 = Relations.at(node, variable, Num.of(0));
        Num d1 = Relations.at(node, variable, Num.of(1));
        if (d0 == null || d1 == null) {
            return null;
        }
        Num slope = d1.subtract(d0);
        for (Num x : List.of(Num.of(2), Num.of(-3), Num.exact(BigInteger.valueOf(7), BigInteger.valueOf(3)))) {
            Num dx = Relations.at(node, variable, x);
            if (dx == null || !dx.sameAs(d0.add(slope.multiply(x)), 9, 1e-12)) {
                return null;
            }
        }
        if (slope.value() == 0 || !Double.isFinite(slope.value())) {
            return null;
        }
        return new Line(variable, slope, d0);
    }
}
