package io.github.llmtest.internal.math;

import io.github.llmtest.internal.answer.NumberScanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits prepared math text into tokens. Numbers are read by {@link NumberScanner#literal}, the same reader answer
 * extraction uses; a decimal comma ({@code 0,5}) is read only outside brackets, where a comma cannot separate the
 * items of a tuple or interval.
 */
final class MathTokenizer {

    private static final Set<String> FUNCTIONS = Set.of("sin", "cos", "tan", "cot", "sec", "csc", "arcsin",
            "arccos", "arctan", "ln", "log", "exp", "sqrt");
    private static final Set<String> SCALES = Set.of("thousand", "million", "billion", "trillion");
    private static final Set<String> SHORT_UNITS = Set.of("cm", "mm", "km", "kg", "mg", "ml", "mL", "ft", "hr",
            "lb", "oz", "mi", "yd", "kW", "Hz", "mV", "kJ", "cl", "dl", "dm", "ha", "nm", "ms", "us");
    private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "theta", "lambda",
            "mu", "sigma", "phi", "omega", "rho", "tau", "eta", "zeta", "kappa", "nu", "xi", "psi", "chi");
    private static final Set<String> MATRICES = Set.of("pmatrix", "bmatrix", "matrix", "vmatrix", "Bmatrix",
            "smallmatrix", "array");

    enum Kind { NUM, ID, FUNC, CONST, OP, REL, SEMI, PM, OPEN, CLOSE, SET_OPEN, SET_CLOSE, CUP, FRAC, SQRT, SERIES,
        PERCENT, SCALE, AMP, ROWSEP, MATRIX_BEGIN, MATRIX_END, EMPTYSET, UNIT, BAR, END }

    /** Separates the parts of a {@link Kind#SERIES} token's text: kind, index, lower bound, upper bound. */
    static final char PART = '\u0000';

    record Token(Kind kind, String text, Num number) {
        static Token of(Kind kind, String text) {
            return new Token(kind, text, null);
        }
    }

    private final String s;
    private final List<Token> out = new ArrayList<>();
    private int depth;

    private MathTokenizer(String text) {
        this.s = text;
    }

    static List<Token> tokenize(String text) {
        MathTokenizer tokenizer = new MathTokenizer(text);
        tokenizer.run();
        return tokenizer.out;
    }

    private void run() {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isDigit(c) || c == '.' && i + 1 < s.length() && isDigit(s.charAt(i + 1))) {
                i = number(i);
            } else if (Character.isLetter(c) && c < 128) {
                i = word(i);
            } else if (c == '\\') {
                i = command(i);
            } else if ((c == '<' || c == '>' || c == '!') && i + 1 < s.length() && s.charAt(i + 1) == '=') {
                out.add(Token.of(Kind.REL, c == '<' ? "LE" : c == '>' ? "GE" : "NE"));
                i += 2;
            } else {
                punctuation(c);
                i++;
            }
        }
        out.add(Token.of(Kind.END, ""));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void punctuation(char c) {
        switch (c) {
            case '(', '[', '{' -> {
                depth++;
                out.add(Token.of(Kind.OPEN, String.valueOf(c)));
            }
            case ')', ']', '}' -> {
                depth--;
                out.add(Token.of(Kind.CLOSE, String.valueOf(c)));
            }
            case '+', '-', '*', '/', '^', '=', ',', ':' -> out.add(Token.of(Kind.OP, String.valueOf(c)));
            case '<' -> out.add(Token.of(Kind.REL, "LT"));
            case '>' -> out.add(Token.of(Kind.REL, "GT"));
            case '%' -> out.add(Token.of(Kind.PERCENT, "%"));
            case '&' -> out.add(Token.of(Kind.AMP, "&"));
            case ';' -> out.add(Token.of(Kind.SEMI, ";"));
            case '|' -> out.add(Token.of(Kind.BAR, "|"));
            default -> throw new MathParser.ParseException("it has a '" + c + "' that is not part of an answer");
        }
    }

    private int number(int i) {
        NumberScanner.Literal literal = NumberScanner.literal(s, i, depth <= 0);
        if (literal.value() == null) {
            throw new MathParser.ParseException("it has a number with more than " + NumberScanner.MAX_DIGITS
                    + " digits");
        }
        int j = literal.end();
        if (j + 1 < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E') && (isDigit(s.charAt(j + 1))
                || (s.charAt(j + 1) == '-' || s.charAt(j + 1) == '+') && j + 2 < s.length()
                && isDigit(s.charAt(j + 2)))) {
            throw new MathParser.ParseException("it has an exponent beyond " + NumberScanner.MAX_EXPONENT);
        }
        out.add(new Token(Kind.NUM, s.substring(i, j), Num.decimal(literal.value())));
        return j;
    }

    private int word(int i) {
        int j = i;
        while (j < s.length() && Character.isLetter(s.charAt(j)) && s.charAt(j) < 128) {
            j++;
        }
        String word = s.substring(i, j);
        if (j < s.length() && s.charAt(j) == '_' && word.length() == 1) {
            return subscript(j, word);
        }
        addWord(word);
        return j;
    }

    /** A subscript right after a one-letter name becomes part of it: {@code x_1}, {@code a_{n}}. */
    private int subscript(int j, String word) {
        int k = j + 1;
        String sub;
        if (k < s.length() && s.charAt(k) == '{') {
            int close = s.indexOf('}', k);
            if (close < 0 || close - k > 20) {
                throw new MathParser.ParseException("it has an unclosed subscript");
            }
            sub = s.substring(k + 1, close);
            k = close + 1;
        } else if (k < s.length() && Character.isLetterOrDigit(s.charAt(k))) {
            sub = String.valueOf(s.charAt(k));
            k++;
        } else {
            throw new MathParser.ParseException("it has a '_' without a subscript");
        }
        out.add(Token.of(Kind.ID, word + "_" + sub.strip()));
        return k;
    }

    private void addWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (FUNCTIONS.contains(lower)) {
            out.add(Token.of(lower.equals("sqrt") ? Kind.SQRT : Kind.FUNC, lower));
        } else if (SCALES.contains(lower)) {
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

    private int command(int i) {
        if (i + 1 >= s.length()) {
            throw new MathParser.ParseException("it ends with a backslash");
        }
        char next = s.charAt(i + 1);
        if (!Character.isLetter(next)) {
            symbolCommand(next);
            return i + 2;
        }
        int j = i + 1;
        while (j < s.length() && Character.isLetter(s.charAt(j))) {
            j++;
        }
        return namedCommand(s.substring(i + 1, j), j);
    }

    /** {@code \{}, {@code \}}, {@code \\}, {@code \%}; spacing such as {@code \,} reads as nothing. */
    private void symbolCommand(char next) {
        switch (next) {
            case '{' -> {
                depth++;
                out.add(Token.of(Kind.SET_OPEN, "\\{"));
            }
            case '}' -> {
                depth--;
                out.add(Token.of(Kind.SET_CLOSE, "\\}"));
            }
            case '\\' -> out.add(Token.of(Kind.ROWSEP, "\\\\"));
            case '%' -> out.add(Token.of(Kind.PERCENT, "%"));
            default -> {
                // spacing such as \, \; \! and escaped currency: nothing to read
            }
        }
    }

    /** A command such as {@code \frac}; returns the index after it (and after its environment name). */
    private int namedCommand(String name, int j) {
        switch (name) {
            case "frac" -> out.add(Token.of(Kind.FRAC, name));
            case "sqrt" -> out.add(Token.of(Kind.SQRT, name));
            case "pi" -> out.add(Token.of(Kind.CONST, "pi"));
            case "infty", "infin" -> out.add(Token.of(Kind.CONST, "inf"));
            case "cdot", "times", "ast" -> out.add(Token.of(Kind.OP, "*"));
            case "div" -> out.add(Token.of(Kind.OP, "/"));
            case "pm", "mp" -> out.add(Token.of(Kind.PM, name));
            case "le", "leq", "leqslant" -> out.add(Token.of(Kind.REL, "LE"));
            case "ge", "geq", "geqslant" -> out.add(Token.of(Kind.REL, "GE"));
            case "lt" -> out.add(Token.of(Kind.REL, "LT"));
            case "gt" -> out.add(Token.of(Kind.REL, "GT"));
            case "ne", "neq" -> out.add(Token.of(Kind.REL, "NE"));
            case "approx", "simeq" -> out.add(Token.of(Kind.REL, "APPROX"));
            case "in" -> out.add(Token.of(Kind.REL, "IN"));
            case "sum", "prod" -> {
                return series(name, j);
            }
            case MathText.LABEL_COMMAND -> {
                return label(j);
            }
            case "cup" -> out.add(Token.of(Kind.CUP, name));
            case "emptyset", "varnothing" -> out.add(Token.of(Kind.EMPTYSET, name));
            case "left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr" -> {
                return j < s.length() && s.charAt(j) == '.' ? j + 1 : j;
            }
            case "begin", "end" -> {
                return environment(name, j);
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
                    throw new MathParser.ParseException("it uses \\" + name + ", which this checker does not read");
                }
            }
        }
        return j;
    }

    private int environment(String name, int j) {
        int close = s.indexOf('}', j);
        if (j >= s.length() || s.charAt(j) != '{' || close < 0) {
            throw new MathParser.ParseException("it has a \\" + name + " without an environment name");
        }
        String environment = s.substring(j + 1, close);
        if (!MATRICES.contains(environment)) {
            throw new MathParser.ParseException("it uses the environment " + environment + ", which is not a matrix");
        }
        out.add(Token.of(name.equals("begin") ? Kind.MATRIX_BEGIN : Kind.MATRIX_END, environment));
        int after = close + 1;
        if (name.equals("begin") && environment.equals("array") && after < s.length() && s.charAt(after) == '{') {
            after = group(after).end(); // the column spec {cc}
        }
        return after;
    }

    /** The text of a brace group starting at {@code open}, braces counted, and the index after it. */
    private record Group(String text, int end) {
    }

    private Group group(int open) {
        int depthHere = 0;
        for (int k = open; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '{') {
                depthHere++;
            } else if (c == '}' && --depthHere == 0) {
                return new Group(s.substring(open + 1, k), k + 1);
            }
        }
        throw new MathParser.ParseException("it has an unclosed '{'");
    }

    /** A single character or a brace group after {@code _} or {@code ^}. */
    private Group argument(int at) {
        if (at >= s.length()) {
            throw new MathParser.ParseException("it ends in the middle of a sum's bounds");
        }
        if (s.charAt(at) == '{') {
            return group(at);
        }
        int end = at;
        while (end < s.length() && Character.isLetterOrDigit(s.charAt(end)) && (end == at
                || Character.isDigit(s.charAt(at)) && Character.isDigit(s.charAt(end)))) {
            end++;
        }
        if (end == at) {
            throw new MathParser.ParseException("it has a sum without a bound");
        }
        return new Group(s.substring(at, end), end);
    }

    /** {@code \sum_{k=1}^{n}}: one token holding the index and both bounds; the parser reads the bounds. */
    private int series(String name, int j) {
        if (j >= s.length() || s.charAt(j) != '_') {
            throw new MathParser.ParseException("it has a \\" + name + " without its index, such as _{k=1}^{10}");
        }
        Group lower = argument(j + 1);
        int equals = lower.text().indexOf('=');
        if (equals < 1 || lower.end() >= s.length() || s.charAt(lower.end()) != '^') {
            throw new MathParser.ParseException("it has a \\" + name + " without its index, such as _{k=1}^{10}");
        }
        Group upper = argument(lower.end() + 1);
        out.add(Token.of(Kind.SERIES, name + PART + lower.text().substring(0, equals).strip() + PART
                + lower.text().substring(equals + 1) + PART + upper.text()));
        return upper.end();
    }

    /** A label that is not a plain variable ({@code |PQ|}, {@code S_{\triangle ABC}}), marked by {@link MathText}. */
    private int label(int j) {
        if (j >= s.length() || s.charAt(j) != '{') {
            throw new MathParser.ParseException("it has an unreadable label");
        }
        Group text = group(j);
        out.add(Token.of(Kind.ID, text.text().strip()));
        return text.end();
    }
}
