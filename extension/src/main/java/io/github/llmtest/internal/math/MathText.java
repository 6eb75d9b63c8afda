package io.github.llmtest.internal.math;

import io.github.llmtest.internal.answer.AnswerFinder;
import io.github.llmtest.internal.answer.NumberScanner;

import java.util.Locale;

/**
 * Turns an answer as written into plain text the parser reads: no delimiters, markup, spacing or text boxes; words
 * that join answers become separators ("and" a comma, "or" a semicolon between solutions); "percent" becomes
 * {@code %}; a set-builder set is its condition; digit groups with LaTeX spacing are one number; a line break
 * {@code \\} outside a matrix separates parts; and a label the tokenizer could not read as a variable
 * ({@code |PQ| = 3}, each item of a list on its own) is marked as one.
 */
final class MathText {

    /** The command the label pre-pass wraps a label in; the tokenizer reads it as one variable. */
    static final String LABEL_COMMAND = "mathlabel";
    private static final String ROW_SEPARATOR = "\u0001";
    /** A list item left empty by "and" after a comma: {@code 6, 8, , 10}. */
    private static final java.util.regex.Pattern EMPTY_ITEM = java.util.regex.Pattern.compile("(,)(?:\\s*,)+");
    /** {@code \{x \mid cond\}}, {@code \{x : cond\}}, {@code \{x \in \mathbb{R} | cond\}}. */
    private static final java.util.regex.Pattern SET_BUILDER = java.util.regex.Pattern.compile(
            "\\s*\\\\\\{\\s*[A-Za-z]\\s*(?:\\\\in\\s*\\\\mathbb\\s*\\{?[A-Z]\\}?\\s*)?(?:\\\\mid|\\||:)(.+)\\\\\\}\\s*",
            java.util.regex.Pattern.DOTALL);

    private static final String[][] REPLACEMENTS = {
            {"\\dfrac", "\\frac"}, {"\\tfrac", "\\frac"}, {"\\cfrac", "\\frac"},
            {"^{\\circ}", ""}, {"^\\circ", ""}, {"°", ""}, {"\\degree", ""},
            {"\\$", ""}, {"$", ""}, {"€", ""}, {"£", ""}, {"**", ""},
            {"\\[", ""}, {"\\]", ""}, {"\\(", ""}, {"\\)", ""},
            {"\\!", ""}, {"\\,", " "}, {"\\;", " "}, {"\\:", " "}, {"\\ ", " "}, {"~", " "},
            {"\u2212", "-"}, {"×", "\\times "}, {"÷", "\\div "}, {"·", "\\cdot "}, {"π", "\\pi "},
            {"∞", "\\infty "}, {"∪", "\\cup "}, {"±", "\\pm "}, {"∅", "\\emptyset "}, {"√", "\\sqrt "},
            {"≤", "\\le "}, {"≥", "\\ge "}, {"≠", "\\ne "}, {"≈", "\\approx "}, {"∈", "\\in "},
            {"\\lbrace", "\\{"}, {"\\rbrace", "\\}"}, {"\\lvert", "|"}, {"\\rvert", "|"}, {"\\mid", "|"},
    };
    private static final String[] TEXT_COMMANDS = {"\\text", "\\textbf", "\\textrm", "\\textnormal", "\\mathrm",
            "\\mathbf", "\\mbox", "\\operatorname", "\\textit", "\\mathit"};
    /** Words a label is made of cannot be these: they are functions or constants the parser reads. */
    private static final java.util.Set<String> MATH_WORDS = java.util.Set.of("sin", "cos", "tan", "cot", "sec",
            "csc", "arcsin", "arccos", "arctan", "ln", "log", "exp", "sqrt", "pi", "inf", "infinity", "thousand",
            "million", "billion", "trillion", "frac", "left", "right", "cdot", "times", "div", "infty", "sum", "prod",
            "approx", "in", "le", "leq", "ge", "geq", "ne", "neq", "lt", "gt", "pm", "mp", "cup", "begin", "end");

    private MathText() {
    }

    static String prepare(String text) {
        String s = text;
        if (s.contains("\\boxed") || s.contains("\\fbox")) {
            s = AnswerFinder.boxed(s).orElse(s);
        }
        s = unwrapTextCommands(s);
        s = setBuilder(s);
        s = digitGroups(s);
        // a row separator \\ must survive the spacing commands (\ , \!) replaced below; outside a matrix it is
        // a line break between the parts of an answer
        boolean rows = s.contains("\\\\");
        if (rows) {
            s = s.replace("\\\\", s.contains("\\begin") ? ROW_SEPARATOR : ", ");
        }
        for (String[] r : REPLACEMENTS) {
            if (s.contains(r[0])) {
                s = s.replace(r[0], r[1]);
            }
        }
        if (rows) {
            s = s.replace(ROW_SEPARATOR, " \\\\ ");
        }
        s = words(s).strip();
        while (s.endsWith(".") || s.endsWith(",") || s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        while (s.startsWith(",") || s.startsWith(";")) {
            s = s.substring(1).strip();
        }
        s = dropLeading(s, "\\approx");
        return markLabel(s);
    }

    /** "and" joins answers, "or" separates solutions, "percent" is a percent sign, "approximately" says nothing. */
    private static String words(String s) {
        if (s.chars().noneMatch(Character::isLetter)) {
            return s;
        }
        String out = replaceWord(s, "and", ",");
        out = replaceWord(out, "either", " ");
        out = replaceWord(out, "or", ";");
        if (out.indexOf(',') >= 0) {
            // "6, 8, and 10": the comma before "and" and the one it became are one separator
            out = EMPTY_ITEM.matcher(out).replaceAll("$1");
        }
        out = replaceWord(out, "per cent", "%");
        out = replaceWord(out, "percent", "%");
        out = replaceWord(out, "pct", "%");
        out = replaceWord(out, "approximately", " ");
        return replaceWord(out, "about", " ");
    }

    /** Replaces a whole word (not part of a longer word or a command), ignoring case; one pass. */
    static String replaceWord(String s, String word, String with) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (!lower.contains(word)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int at = lower.indexOf(word, i);
            if (at < 0) {
                break;
            }
            int end = at + word.length();
            boolean whole = (at == 0 || !Character.isLetter(s.charAt(at - 1)) && s.charAt(at - 1) != '\\')
                    && (end >= s.length() || !Character.isLetter(s.charAt(end)));
            out.append(s, i, at).append(whole ? with : s.substring(at, end));
            i = end;
        }
        return out.append(s, i, s.length()).toString();
    }

    /** {@code \{x \mid x > 3\}}, {@code \{x : 1 < x < 4\}}: the set of a variable is its condition. */
    private static String setBuilder(String s) {
        if (!s.contains("\\{")) {
            return s;
        }
        java.util.regex.Matcher m = SET_BUILDER.matcher(s);
        return m.matches() ? m.group(1) : s;
    }

    /**
     * {@code 12\,345}, {@code 32,\! 349}, {@code 1{,} 000}: digit groups with LaTeX spacing between them become
     * one number, read by the same reader as answer extraction, before the spacing commands become spaces.
     */
    private static String digitGroups(String s) {
        if (s.indexOf('\\') < 0 && !s.contains("{,}")) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            depth += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
            boolean starts = c >= '0' && c <= '9' && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1))
                    && s.charAt(i - 1) != '.');
            if (!starts) {
                out.append(c);
                i++;
                continue;
            }
            NumberScanner.Literal literal = NumberScanner.literal(s, i, false);
            int end = Math.max(literal.end(), i + 1);
            String span = s.substring(i, end);
            // inside brackets "100,\, 200" are two items, not one number
            boolean items = depth > 0 && span.replace("{,}", "").indexOf(',') >= 0;
            if (literal.value() != null && !items && (span.indexOf('\\') >= 0 || span.contains("{,}"))) {
                out.append(literal.value().toPlainString());
            } else {
                out.append(span);
            }
            i = end;
        }
        return out.toString();
    }

    private static String dropLeading(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()).strip() : s;
    }

    /**
     * {@code |PQ| = 3}, {@code S_{\triangle ABC} : S = 2:9}, {@code Area = 12}: a left side made of names, bars and
     * geometry marks but no digit becomes one label the tokenizer reads as a variable.
     */
    static String markLabel(String s) {
        if (s.indexOf(',') < 0 || s.indexOf('=') < 0) {
            return markOneLabel(s);
        }
        // each item of a list may have its label: \angle A = 30, \angle B = 60
        StringBuilder out = new StringBuilder(s.length() + 16);
        int depth = 0;
        int from = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ',';
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth <= 0) {
                out.append(markOneLabel(s.substring(from, i)));
                if (i < s.length()) {
                    out.append(',');
                }
                from = i + 1;
            }
        }
        return out.toString();
    }

    private static String markOneLabel(String s) {
        int equals = topLevelEquals(s);
        if (equals <= 0) {
            return s;
        }
        String left = s.substring(0, equals).strip();
        if (left.isEmpty() || !isExoticLabel(left)) {
            return s;
        }
        String before = s.substring(0, s.length() - s.stripLeading().length());
        return before + "\\" + LABEL_COMMAND + "{" + left + "} " + s.substring(equals);
    }

    /** The index of the first {@code =} or {@code \approx} outside brackets, or -1. */
    private static int topLevelEquals(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && c == '=' && (i == 0 || "<>!=".indexOf(s.charAt(i - 1)) < 0)
                    && (i + 1 >= s.length() || s.charAt(i + 1) != '=')) {
                return i;
            } else if (depth == 0 && s.startsWith("\\approx", i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isExoticLabel(String left) {
        if (left.contains("\\" + LABEL_COMMAND)) {
            return false;
        }
        String withoutSubscripts = left.replaceAll("_\\{[^}]*\\}|_[A-Za-z0-9]", "");
        if (withoutSubscripts.chars().anyMatch(Character::isDigit)
                || withoutSubscripts.chars().anyMatch(c -> "+-*/^".indexOf(c) >= 0)) {
            return false;
        }
        if (left.contains("|") || left.contains(":") || left.contains("\\angle") || left.contains("\\triangle")
                || left.contains("\\overline") || left.contains("\\widehat") || left.contains("\\measuredangle")) {
            return true;
        }
        for (String word : withoutSubscripts.split("[^A-Za-z]+")) {
            if (word.length() >= 3 && !MATH_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** {@code \text{cm}} becomes {@code  cm }: the words stay, the command goes. */
    private static String unwrapTextCommands(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        outer:
        while (i < s.length()) {
            if (s.charAt(i) == '\\') {
                for (String command : TEXT_COMMANDS) {
                    int brace = i + command.length();
                    if (s.startsWith(command, i) && brace < s.length() && s.charAt(brace) == '{') {
                        int depth = 0;
                        int j = brace;
                        for (; j < s.length(); j++) {
                            if (s.charAt(j) == '{') {
                                depth++;
                            } else if (s.charAt(j) == '}' && --depth == 0) {
                                break;
                            }
                        }
                        out.append(' ').append(s, brace + 1, Math.min(j, s.length())).append(' ');
                        i = Math.min(j + 1, s.length());
                        continue outer;
                    }
                }
            }
            out.append(s.charAt(i++));
        }
        return out.toString();
    }
}
