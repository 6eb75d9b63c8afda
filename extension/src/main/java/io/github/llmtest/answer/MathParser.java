package io.github.llmtest.answer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads LaTeX and plain math into a {@link MathNode}. Recursive descent with a depth limit and an input size limit,
 * so that no input can make it run long or exhaust the stack; anything it cannot read is a {@link ParseException}
 * with a sentence saying why.
 */
final class MathParser {

    static final int MAX_LENGTH = 5_000;
    static final int MAX_DEPTH = 100;

    private static final Set<String> FUNCTIONS = Set.of("sin", "cos", "tan", "cot", "sec", "csc", "arcsin",
            "arccos", "arctan", "ln", "log", "exp", "sqrt");
    private static final Set<String> SHORT_UNITS = Set.of("cm", "mm", "km", "kg", "mg", "ml", "mL", "ft", "hr",
            "lb", "oz", "mi", "yd", "kW", "Hz", "mV", "kJ", "cl", "dl", "dm", "ha", "nm", "ms", "us");
    private static final Set<String> SINGLE_UNITS = Set.of("m", "g", "s", "h", "L", "l", "K", "J", "W", "V", "A", "N");
    private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "theta", "lambda",
            "mu", "sigma", "phi", "omega", "rho", "tau", "eta", "zeta", "kappa", "nu", "xi", "psi", "chi");
    private static final Set<String> MATRICES = Set.of("pmatrix", "bmatrix", "matrix", "vmatrix", "Bmatrix",
            "smallmatrix");

    /** Why an answer could not be read. */
    static final class ParseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseException(String message) {
            super(message, null, false, false);
        }
    }

    enum Kind { NUM, ID, FUNC, CONST, OP, PM, OPEN, CLOSE, SET_OPEN, SET_CLOSE, CUP, FRAC, SQRT, PERCENT, SCALE,
        AMP, ROWSEP, MATRIX_BEGIN, MATRIX_END, EMPTYSET, UNIT, END }

    record Token(Kind kind, String text, Num number) {
        static Token of(Kind kind, String text) {
            return new Token(kind, text, null);
        }
    }

    /** The parsed answer and the unit words that were set aside. */
    record Parsed(MathNode node, Set<String> units) {
    }

    private final List<Token> tokens;
    private final Set<String> units = new TreeSet<>();
    private int position;
    private int depth;

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
        MathParser parser = new MathParser(tokenize(prepared));
        MathNode node = parser.top();
        return new Parsed(node, parser.units);
    }

    // ---------------------------------------------------------------- tokens

    static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                i = number(s, i, out);
            } else if (Character.isLetter(c) && c < 128) {
                int j = i;
                while (j < s.length() && Character.isLetter(s.charAt(j)) && s.charAt(j) < 128) {
                    j++;
                }
                String word = s.substring(i, j);
                j = subscript(s, j, out, word);
                if (j < 0) {
                    j = -j;
                } else {
                    word(word, out);
                }
                i = j;
            } else if (c == '\\') {
                i = command(s, i, out);
            } else {
                switch (c) {
                    case '(', '[', '{' -> out.add(Token.of(Kind.OPEN, String.valueOf(c)));
                    case ')', ']', '}' -> out.add(Token.of(Kind.CLOSE, String.valueOf(c)));
                    case '+', '-', '*', '/', '^', '=', ',' -> out.add(Token.of(Kind.OP, String.valueOf(c)));
                    case '%' -> out.add(Token.of(Kind.PERCENT, "%"));
                    case '&' -> out.add(Token.of(Kind.AMP, "&"));
                    case ';' -> out.add(Token.of(Kind.OP, ","));
                    default -> throw new ParseException("it has a '" + c + "' that is not part of an answer");
                }
                i++;
            }
        }
        out.add(Token.of(Kind.END, ""));
        return out;
    }

    /** A subscript right after a word becomes part of its name: {@code x_1}, {@code a_{n}}. */
    private static int subscript(String s, int j, List<Token> out, String word) {
        if (j >= s.length() || s.charAt(j) != '_' || word.length() != 1) {
            return j;
        }
        int k = j + 1;
        String sub;
        if (k < s.length() && s.charAt(k) == '{') {
            int close = s.indexOf('}', k);
            if (close < 0 || close - k > 20) {
                throw new ParseException("it has an unclosed subscript");
            }
            sub = s.substring(k + 1, close);
            k = close + 1;
        } else if (k < s.length() && Character.isLetterOrDigit(s.charAt(k))) {
            sub = String.valueOf(s.charAt(k));
            k++;
        } else {
            throw new ParseException("it has a '_' without a subscript");
        }
        out.add(Token.of(Kind.ID, word + "_" + sub.strip()));
        return -k;
    }

    private static void word(String word, List<Token> out) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (FUNCTIONS.contains(lower)) {
            out.add(Token.of(lower.equals("sqrt") ? Kind.SQRT : Kind.FUNC, lower));
        } else if (Set.of("thousand", "million", "billion", "trillion").contains(lower)) {
            out.add(Token.of(Kind.SCALE, lower));
        } else if (lower.equals("pi")) {
            out.add(Token.of(Kind.CONST, "pi"));
        } else if (lower.equals("inf") || lower.equals("infinity")) {
            out.add(Token.of(Kind.CONST, "inf"));
        } else if (word.equals("e")) {
            out.add(Token.of(Kind.CONST, "e"));
        } else if (word.length() == 1) {
            out.add(Token.of(Kind.ID, word));
        } else if (word.length() == 2 && !SHORT_UNITS.contains(word)) {
            out.add(Token.of(Kind.ID, word.substring(0, 1)));
            out.add(Token.of(Kind.ID, word.substring(1)));
        } else {
            out.add(Token.of(Kind.UNIT, word));
        }
    }

    private static int number(String s, int i, List<Token> out) {
        StringBuilder digits = new StringBuilder();
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            digits.append(s.charAt(j++));
        }
        if (digits.length() >= 1 && digits.length() <= 3 && digits.charAt(0) != '0') {
            String separator = null;
            while (true) {
                String found = null;
                for (String sep : new String[] {"{,}", ",", " "}) {
                    if ((separator == null || separator.equals(sep)) && s.startsWith(sep, j)
                            && threeDigits(s, j + sep.length())) {
                        found = sep;
                        break;
                    }
                }
                if (found == null) {
                    break;
                }
                separator = found;
                j += found.length();
                digits.append(s, j, j + 3);
                j += 3;
            }
        }
        if (j < s.length() && s.charAt(j) == '.' && j + 1 < s.length() && Character.isDigit(s.charAt(j + 1))) {
            digits.append('.');
            j++;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                digits.append(s.charAt(j++));
            }
        }
        if (digits.length() > 400) {
            throw new ParseException("it has a number with more than 400 digits");
        }
        if (digits.charAt(0) == '.') {
            digits.insert(0, '0');
        }
        BigDecimal value = new BigDecimal(digits.toString());
        if (j + 1 < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')
                && (Character.isDigit(s.charAt(j + 1)) || (s.charAt(j + 1) == '-' || s.charAt(j + 1) == '+')
                && j + 2 < s.length() && Character.isDigit(s.charAt(j + 2)))) {
            int k = j + 1;
            if (s.charAt(k) == '-' || s.charAt(k) == '+') {
                k++;
            }
            int start = k;
            while (k < s.length() && Character.isDigit(s.charAt(k)) && k - start < 5) {
                k++;
            }
            int exponent = Integer.parseInt(s.substring(j + 1, k).replace("+", ""));
            if (Math.abs(exponent) > 400) {
                throw new ParseException("it has an exponent beyond 400");
            }
            value = value.scaleByPowerOfTen(exponent);
            j = k;
        }
        out.add(new Token(Kind.NUM, s.substring(i, j), Num.decimal(value)));
        return j;
    }

    private static boolean threeDigits(String s, int j) {
        return j + 3 <= s.length() && Character.isDigit(s.charAt(j)) && Character.isDigit(s.charAt(j + 1))
                && Character.isDigit(s.charAt(j + 2)) && (j + 3 == s.length() || !Character.isDigit(s.charAt(j + 3)));
    }

    private static int command(String s, int i, List<Token> out) {
        if (i + 1 >= s.length()) {
            throw new ParseException("it ends with a backslash");
        }
        char next = s.charAt(i + 1);
        if (!Character.isLetter(next)) {
            switch (next) {
                case '{' -> out.add(Token.of(Kind.SET_OPEN, "\\{"));
                case '}' -> out.add(Token.of(Kind.SET_CLOSE, "\\}"));
                case '\\' -> out.add(Token.of(Kind.ROWSEP, "\\\\"));
                case '%' -> out.add(Token.of(Kind.PERCENT, "%"));
                default -> {
                    // spacing such as \, \; \! and escaped currency: nothing to read
                }
            }
            return i + 2;
        }
        int j = i + 1;
        while (j < s.length() && Character.isLetter(s.charAt(j))) {
            j++;
        }
        String name = s.substring(i + 1, j);
        switch (name) {
            case "frac" -> out.add(Token.of(Kind.FRAC, name));
            case "sqrt" -> out.add(Token.of(Kind.SQRT, name));
            case "pi" -> out.add(Token.of(Kind.CONST, "pi"));
            case "infty", "infin" -> out.add(Token.of(Kind.CONST, "inf"));
            case "cdot", "times", "ast" -> out.add(Token.of(Kind.OP, "*"));
            case "div" -> out.add(Token.of(Kind.OP, "/"));
            case "pm", "mp" -> out.add(Token.of(Kind.PM, name));
            case "cup" -> out.add(Token.of(Kind.CUP, name));
            case "emptyset", "varnothing" -> out.add(Token.of(Kind.EMPTYSET, name));
            case "left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr" -> {
                if (j < s.length() && s.charAt(j) == '.') {
                    j++;
                }
            }
            case "begin", "end" -> {
                int close = s.indexOf('}', j);
                if (j >= s.length() || s.charAt(j) != '{' || close < 0) {
                    throw new ParseException("it has a \\" + name + " without an environment name");
                }
                String environment = s.substring(j + 1, close);
                if (!MATRICES.contains(environment)) {
                    throw new ParseException("it uses the environment " + environment + ", which is not a matrix");
                }
                out.add(Token.of(name.equals("begin") ? Kind.MATRIX_BEGIN : Kind.MATRIX_END, environment));
                j = close + 1;
            }
            case "quad", "qquad", "displaystyle", "circ" -> {
                // layout only
            }
            default -> {
                if (FUNCTIONS.contains(name)) {
                    out.add(Token.of(Kind.FUNC, name));
                } else if (GREEK.contains(name)) {
                    out.add(Token.of(Kind.ID, name));
                } else {
                    throw new ParseException("it uses \\" + name + ", which this checker does not read");
                }
            }
        }
        return j;
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

    private MathNode top() {
        List<MathNode> items = new ArrayList<>();
        items.add(union());
        while (at(Kind.OP, ",")) {
            next();
            items.add(union());
        }
        if (!at(Kind.END, null)) {
            throw new ParseException("it has '" + describe(peek()) + "' that does not fit");
        }
        return items.size() == 1 ? items.get(0) : new MathNode.SetOf(items);
    }

    private MathNode union() {
        MathNode first = equation();
        if (!at(Kind.CUP, null)) {
            return first;
        }
        List<MathNode> parts = new ArrayList<>(List.of(first));
        while (at(Kind.CUP, null)) {
            next();
            parts.add(equation());
        }
        return new MathNode.UnionOf(parts);
    }

    /** Counts one more level of nesting, refusing input nested deeper than {@link #MAX_DEPTH}. */
    private void descend() {
        if (++depth > MAX_DEPTH) {
            throw new ParseException("it is nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private MathNode equation() {
        descend();
        try {
            MathNode left = sum();
            while (at(Kind.OP, "=")) {
                next();
                MathNode right = sum();
                left = new MathNode.Equation(left, right);
            }
            return left;
        } finally {
            depth--;
        }
    }

    private MathNode sum() {
        MathNode left = product();
        while (true) {
            if (at(Kind.OP, "+") || at(Kind.OP, "-")) {
                char op = next().text().charAt(0);
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
            if (at(Kind.OP, "*") || at(Kind.OP, "/")) {
                char op = next().text().charAt(0);
                left = new MathNode.Binary(op, left, unary());
            } else if (startsFactor(peek())) {
                left = new MathNode.Binary('*', left, power());
            } else {
                return left;
            }
        }
    }

    private static boolean startsFactor(Token t) {
        return switch (t.kind()) {
            case NUM, ID, CONST, FUNC, FRAC, SQRT, MATRIX_BEGIN -> true;
            case OPEN -> t.text().equals("(") || t.text().equals("{");
            default -> false;
        };
    }

    private MathNode unary() {
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
                    MathNode degree = equation();
                    expect(Kind.CLOSE, "]", "']'");
                    return new MathNode.Root(degree, braced());
                }
                return new MathNode.Function("sqrt", braced());
            }
            case OPEN:
                return group(t.text().charAt(0));
            case SET_OPEN: {
                List<MathNode> items = at(Kind.SET_CLOSE, null) ? List.of() : list();
                expect(Kind.SET_CLOSE, null, "'\\}'");
                return new MathNode.SetOf(items);
            }
            case EMPTYSET:
                return new MathNode.SetOf(List.of());
            case MATRIX_BEGIN:
                return matrix();
            default:
                throw new ParseException("it has '" + describe(t) + "' where a value was expected");
        }
    }

    /** A {@code {...}} argument, or a single token after {@code \frac} written as {@code \frac12}. */
    private MathNode braced() {
        if (at(Kind.OPEN, "{")) {
            next();
            MathNode inner = equation();
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
            if (items.size() == 1 && open == '(' && c == ')') {
                return items.get(0);
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
            row.add(equation());
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
