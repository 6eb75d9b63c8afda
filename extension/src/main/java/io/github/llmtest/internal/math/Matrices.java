package io.github.llmtest.internal.math;

import java.util.ArrayList;
import java.util.List;

/** Arithmetic on matrices: sums and differences of equal shapes, products, and a number times a matrix. */
final class Matrices {

    private Matrices() {
    }

    static MathValue apply(char op, MathValue left, MathValue right) {
        if (left instanceof MathValue.Matrix a && right instanceof MathValue.Matrix b) {
            return switch (op) {
                case '+', '-' -> elementwise(op, a, b);
                case '*' -> product(a, b);
                default -> throw new MathNode.EvalException("cannot apply " + op + " to two matrices");
            };
        }
        if (op == '*' && left instanceof MathValue.Number n && right instanceof MathValue.Matrix m) {
            return scaled(n.value(), m);
        }
        if ((op == '*' || op == '/') && left instanceof MathValue.Matrix m && right instanceof MathValue.Number n) {
            return scaled(op == '*' ? n.value() : Num.of(1).divide(n.value()), m);
        }
        throw new MathNode.EvalException("cannot apply " + op + " to " + left + " and " + right);
    }

    private static MathValue.Matrix elementwise(char op, MathValue.Matrix a, MathValue.Matrix b) {
        if (a.rows().size() != b.rows().size()) {
            throw new MathNode.EvalException("cannot add matrices of different shapes");
        }
        List<List<MathValue>> rows = new ArrayList<>();
        for (int r = 0; r < a.rows().size(); r++) {
            List<MathValue> x = a.rows().get(r);
            List<MathValue> y = b.rows().get(r);
            if (x.size() != y.size()) {
                throw new MathNode.EvalException("cannot add matrices of different shapes");
            }
            List<MathValue> row = new ArrayList<>();
            for (int c = 0; c < x.size(); c++) {
                Num p = MathNode.number(x.get(c), "add");
                Num q = MathNode.number(y.get(c), "add");
                row.add(new MathValue.Number(op == '+' ? p.add(q) : p.subtract(q)));
            }
            rows.add(row);
        }
        return new MathValue.Matrix(rows);
    }

    private static MathValue.Matrix product(MathValue.Matrix a, MathValue.Matrix b) {
        int inner = b.rows().size();
        List<List<MathValue>> rows = new ArrayList<>();
        for (List<MathValue> left : a.rows()) {
            if (left.size() != inner) {
                throw new MathNode.EvalException("cannot multiply matrices whose shapes do not fit");
            }
            List<MathValue> row = new ArrayList<>();
            int columns = b.rows().get(0).size();
            for (int c = 0; c < columns; c++) {
                Num sum = Num.of(0);
                for (int k = 0; k < inner; k++) {
                    List<MathValue> rightRow = b.rows().get(k);
                    if (rightRow.size() != columns) {
                        throw new MathNode.EvalException("a matrix has rows of different lengths");
                    }
                    sum = sum.add(MathNode.number(left.get(k), "multiply")
                            .multiply(MathNode.number(rightRow.get(c), "multiply")));
                }
                row.add(new MathValue.Number(sum));
            }
            rows.add(row);
        }
        return new MathValue.Matrix(rows);
    }

    private static MathValue.Matrix scaled(Num factor, MathValue.Matrix m) {
        List<List<MathValue>> rows = new ArrayList<>();
        for (List<MathValue> row : m.rows()) {
            List<MathValue> out = new ArrayList<>();
            row.forEach(v -> out.add(new MathValue.Number(MathNode.number(v, "scale").multiply(factor))));
            rows.add(out);
        }
        return new MathValue.Matrix(rows);
    }
}
