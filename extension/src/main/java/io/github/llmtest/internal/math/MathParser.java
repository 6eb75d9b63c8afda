package io.github.llmtest.internal.math;

import io.github.llmtest.internal.math.MathTokenizer.Kind;
import io.github.llmtest.internal.math.MathTokenizer.Token;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the tokens of {@link MathTokenizer} into a {@link MathNode}. Recursive descent with a depth limit and an
 * input size limit, so that no input can make it run long or exhaust the stack; anything it cannot read is a
 * {@link ParseException} with a sentence saying why.
 */
final class MathParser {

    static final int MAX_LENGTH = 5_000;
    static final int MAX_DEPTH = 100;
    /** Operators in one expression: enough for any answer, few enough to evaluate without deep recursion. */
    static final int MAX_OPERATORS = 500;

    private static final Set<String> SINGLE_UNITS = Set.of("m", "g", "s", "h", "L", "l", "K", "J", "W", "V", "A", "N");

    /** Why an answer could not be read. */
    static final class ParseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseException(String message) {
            super(message, null, false, false);
        }
    }

    /** The parsed answer and the unit words that were set aside. */
    record Parsed(MathNode node, Set<String> units) {
    }

    private final List<Token> tokens;
    private final Set<String> units = new TreeSet<>();
    private int position;
    private int depth;
    private int operators;

    private MathParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Parsed parse(String text) {
        if (text.length() > 4 * MAX_LENGTH) {
            throw new ParseException("it is longer than " + MAX_LENGTH + " characters");
        }
        String prepared = MathText.prepare(text);
        if (prepared.length() > MAX_LENGTH) {
            throw new ParseException("it is longer than " + MAX_LENGTH + " characters");
        }
        if (prepared.isBlank()) {
            throw new ParseException("it is empty");
        }
        MathParser parser = new MathParser(MathTokenizer.tokenize(prepared));
        MathNode node = parser.top();
        return new Parsed(node, parser.units);
    }

    // ---------------------------------------------------------------- grammar

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        return tokens.get(position++);
    }

    private boolean at(Kind kind, String text) {
        Token t = peek();
        return t.kind() == kind && (text == null || t.text().equals(text));
    }

    private void expect(Kind kind, String text, String what) {
        if (!at(kind, text)) {
            throw new ParseException("it has '" + describe(peek()) + "' where " + what + " was expected");
        }
        position++;
    }

    private static String describe(Token t) {
        return t.kind() == Kind.END ? "the end" : t.text();
    }

    /** Solutions separated by {@code ;} (or "or"), each a list separated by commas; a bare list is a set. */
    private MathNode top() {
        List<MathNode> solutions = new ArrayList<>();
        solutions.add(asOne(list()));
        while (at(Kind.SEMI, null)) {
            next();
            solutions.add(asOne(list()));
        }
        if (!at(Kind.END, null)) {
            throw new ParseException("it has '" + describe(peek()) + "' that does not fit");
        }
        return asOne(solutions);
    }

    private static MathNode asOne(List<MathNode> items) {
        return items.size() == 1 ? items.get(0) : new MathNode.SetOf(items);
    }

    private MathNode union() {
        MathNode first = relation();
        if (!at(Kind.CUP, null)) {
            return first;
        }
        List<MathNode> parts = new ArrayList<>(List.of(first));
        while (at(Kind.CUP, null)) {
            next();
            parts.add(relation());
        }
        return new MathNode.UnionOf(parts);
    }

    /** Counts one more operator, refusing chains longer than {@link #MAX_OPERATORS}. */
    private void operator() {
        if (++operators > MAX_OPERATORS) {
            throw new ParseException("it chains more than " + MAX_OPERATORS + " operators");
        }
    }

    /** Counts one more level of nesting, refusing input nested deeper than {@link #MAX_DEPTH}. */
    private void descend() {
        if (++depth > MAX_DEPTH) {
            throw new ParseException("it is nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    /** A sum, or a chain of relations between sums: {@code a = b}, {@code -1 \le t < 4}, {@code x \in S}. */
    private MathNode relation() {
        descend();
        try {
            MathNode first = sum();
            if (!at(Kind.OP, "=") && !at(Kind.REL, null)) {
                return first;
            }
            List<MathNode> parts = new ArrayList<>(List.of(first));
            List<MathNode.Rel> ops = new ArrayList<>();
            while (at(Kind.OP, "=") || at(Kind.REL, null)) {
                MathNode.Rel op = next().kind() == Kind.OP ? MathNode.Rel.EQ
                        : MathNode.Rel.valueOf(tokens.get(position - 1).text());
                ops.add(op);
                // the right side of a membership is a set, possibly a union of intervals
                parts.add(op == MathNode.Rel.IN ? union() : sum());
            }
            return new MathNode.Relation(parts, ops);
        } finally {
            depth--;
        }
    }

    private MathNode sum() {
        MathNode left = product();
        while (true) {
            if (at(Kind.OP, "+") || at(Kind.OP, "-")) {
                char op = next().text().charAt(0);
                operator();
                left = new MathNode.Binary(op, left, product());
            } else if (at(Kind.PM, null)) {
                next();
                left = new MathNode.PlusMinus(left, product());
            } else {
                return left;
            }
        }
    }

    private MathNode product() {
        MathNode left = unary();
        while (true) {
            if (at(Kind.OP, "*") || at(Kind.OP, "/") || at(Kind.OP, ":")) {
                // a ratio a:b is the number a/b
                char op = next().text().charAt(0) == ':' ? '/' : tokens.get(position - 1).text().charAt(0);
                operator();
                left = new MathNode.Binary(op, left, unary());
            } else if (startsFactor(peek())) {
                operator();
                left = new MathNode.Binary('*', left, power());
            } else {
                return left;
            }
        }
    }

    private static boolean startsFactor(Token t) {
        return switch (t.kind()) {
            case NUM, ID, CONST, FUNC, FRAC, SQRT, SERIES, MATRIX_BEGIN -> true;
            case OPEN -> t.text().equals("(") || t.text().equals("{");
            default -> false;
        };
    }

    private MathNode unary() {
        if (at(Kind.OP, "-") || at(Kind.OP, "+") || at(Kind.PM, null)) {
            operator();
        }
        if (at(Kind.OP, "-")) {
            next();
            return new MathNode.Negate(unary());
        }
        if (at(Kind.OP, "+")) {
            next();
            return unary();
        }
        if (at(Kind.PM, null)) {
            next();
            return new MathNode.PlusMinus(new MathNode.Literal(Num.of(0)), unary());
        }
        return power();
    }

    private MathNode power() {
        MathNode base = postfix(primary());
        if (at(Kind.OP, "^")) {
            next();
            operator();
            MathNode exponent;
            if (at(Kind.OP, "-")) {
                next();
                exponent = new MathNode.Negate(power());
            } else {
                exponent = power();
            }
            return postfix(new MathNode.Binary('^', base, exponent));
        }
        return base;
    }

    /** Percent signs, scale words and unit words after a value. */
    private MathNode postfix(MathNode node) {
        while (true) {
            if (at(Kind.PERCENT, null)) {
                next();
                node = new MathNode.Binary('/', node, new MathNode.Literal(Num.of(100)));
            } else if (at(Kind.SCALE, null)) {
                String word = next().text();
                long factor = switch (word) {
                    case "thousand" -> 1_000L;
                    case "million" -> 1_000_000L;
                    case "billion" -> 1_000_000_000L;
                    default -> 1_000_000_000_000L;
                };
                node = new MathNode.Binary('*', node, new MathNode.Literal(Num.of(factor)));
            } else if (at(Kind.UNIT, null)) {
                StringBuilder unit = new StringBuilder(next().text());
                while ((at(Kind.OP, "/") || at(Kind.OP, "^")) && position + 1 < tokens.size()
                        && (tokens.get(position + 1).kind() == Kind.UNIT || tokens.get(position + 1).kind() == Kind.ID
                        || tokens.get(position + 1).kind() == Kind.NUM) && isLast(position + 2)) {
                    unit.append(next().text()).append(next().text());
                }
                units.add(unit.toString());
            } else if (peek().kind() == Kind.ID && SINGLE_UNITS.contains(peek().text()) && isNumberLike(node)
                    && isLast(position + 1)) {
                units.add(next().text());
            } else {
                return node;
            }
        }
    }

    private static boolean isNumberLike(MathNode node) {
        return node instanceof MathNode.Literal || node instanceof MathNode.Binary b && b.op() == '^'
                && b.left() instanceof MathNode.Literal;
    }

    /** Whether the token at {@code index} ends the answer or a list item, so a letter there can be a unit. */
    private boolean isLast(int index) {
        Token t = tokens.get(index);
        return t.kind() == Kind.END || t.kind() == Kind.OP && t.text().equals(",") || t.kind() == Kind.CLOSE
                || t.kind() == Kind.SET_CLOSE;
    }

    private MathNode primary() {
        Token t = next();
        switch (t.kind()) {
            case NUM:
                return new MathNode.Literal(t.number());
            case ID:
                return new MathNode.Variable(t.text());
            case UNIT:
                throw new ParseException("it has the word '" + t.text() + "' where a value was expected");
            case CONST:
                return new MathNode.Literal(switch (t.text()) {
                    case "pi" -> Num.approx(Math.PI);
                    case "e" -> Num.approx(Math.E);
                    default -> Num.approx(Double.POSITIVE_INFINITY);
                });
            case FUNC: {
                // \sin^2 x and \sin(x)^2 square the sine; \sin x^2 takes the sine of x squared
                MathNode exponent = null;
                if (at(Kind.OP, "^")) {
                    next();
                    exponent = postfix(primary());
                }
                MathNode argument = at(Kind.OPEN, "(") ? primary() : power();
                MathNode function = new MathNode.Function(t.text(), argument);
                return exponent == null ? function : new MathNode.Binary('^', function, exponent);
            }
            case FRAC: {
                MathNode numerator = braced();
                MathNode denominator = braced();
                return new MathNode.Binary('/', numerator, denominator);
            }
            case SQRT: {
                if (at(Kind.OPEN, "[")) {
                    next();
                    MathNode degree = relation();
                    expect(Kind.CLOSE, "]", "']'");
                    return new MathNode.Root(degree, braced());
                }
                return new MathNode.Function("sqrt", braced());
            }
            case OPEN:
                return group(t.text().charAt(0));
            case BAR: {
                descend();
                try {
                    MathNode inner = sum();
                    expect(Kind.BAR, null, "'|'");
                    return new MathNode.Function("abs", inner);
                } finally {
                    depth--;
                }
            }
            case SET_OPEN: {
                List<MathNode> items = at(Kind.SET_CLOSE, null) ? List.of() : list();
                expect(Kind.SET_CLOSE, null, "'\\}'");
                return new MathNode.SetOf(items);
            }
            case EMPTYSET:
                return new MathNode.SetOf(List.of());
            case SERIES:
                return series(t);
            case MATRIX_BEGIN:
                return matrix();
            default:
                throw new ParseException("it has '" + describe(t) + "' where a value was expected");
        }
    }

    /** {@code \\sum_{k=1}^{n} body}: the bounds are read as expressions of their own, the body is a factor. */
    private MathNode series(Token t) {
        String[] parts = t.text().split(String.valueOf(MathTokenizer.PART), -1);
        descend();
        try {
            MathNode from = parse(parts[2]).node();
            MathNode to = parse(parts[3]).node();
            MathNode body = power();
            return new MathNode.Series(parts[0].equals("prod"), parts[1], from, to, body);
        } finally {
            depth--;
        }
    }

    /** A {@code {...}} argument, or a single token after {@code \frac} written as {@code \frac12}. */
    private MathNode braced() {
        if (at(Kind.OPEN, "{")) {
            next();
            MathNode inner = relation();
            expect(Kind.CLOSE, "}", "'}'");
            return inner;
        }
        if (at(Kind.NUM, null) && peek().text().chars().allMatch(Character::isDigit) && peek().text().length() > 1) {
            // \frac34: without braces each argument is a single digit
            String digits = next().text();
            tokens.add(position, new Token(Kind.NUM, digits.substring(1), Num.decimal(new BigDecimal(digits.substring(1)))));
            return new MathNode.Literal(Num.decimal(new BigDecimal(digits.substring(0, 1))));
        }
        return postfix(primary());
    }

    private List<MathNode> list() {
        List<MathNode> items = new ArrayList<>();
        items.add(union());
        while (at(Kind.OP, ",")) {
            next();
            items.add(union());
        }
        return items;
    }

    private MathNode group(char open) {
        descend();
        try {
            List<MathNode> items = list();
            Token close = next();
            if (close.kind() != Kind.CLOSE) {
                throw new ParseException("it has '" + describe(close) + "' where a closing bracket was expected");
            }
            char c = close.text().charAt(0);
            if (open == '{' || c == '}') {
                if (open != '{' || c != '}') {
                    throw new ParseException("it opens with '" + open + "' but closes with '" + c + "'");
                }
                return items.size() == 1 ? items.get(0) : new MathNode.SetOf(items);
            }
            if (items.size() == 1 && (open == '(' && c == ')' || items.get(0) instanceof MathNode.MatrixOf)) {
                return items.get(0); // (x) is x; \\left[ matrix \\right] is the matrix
            }
            return new MathNode.Group(open, c, items);
        } finally {
            depth--;
        }
    }

    private MathNode matrix() {
        List<List<MathNode>> rows = new ArrayList<>();
        List<MathNode> row = new ArrayList<>();
        while (true) {
            row.add(relation());
            if (at(Kind.AMP, null)) {
                next();
            } else if (at(Kind.ROWSEP, null)) {
                next();
                rows.add(row);
                row = new ArrayList<>();
                if (at(Kind.MATRIX_END, null)) {
                    next();
                    return new MathNode.MatrixOf(rows);
                }
            } else if (at(Kind.MATRIX_END, null)) {
                next();
                rows.add(row);
                return new MathNode.MatrixOf(rows);
            } else {
                throw new ParseException("it has '" + describe(peek()) + "' inside a matrix");
            }
        }
    }
}
