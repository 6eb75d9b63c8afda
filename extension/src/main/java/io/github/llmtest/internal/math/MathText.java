package io.github.llmtest.internal.math;

import io.github.llmtest.internal.answer.AnswerFinder;

/** Turns an answer as written into plain text the parser reads: no delimiters, markup, spacing or text boxes. */
final class MathText {

    private static final String[][] REPLACEMENTS = {
            {"\\dfrac", "\\frac"}, {"\\tfrac", "\\frac"}, {"\\cfrac", "\\frac"},
            {"^{\\circ}", ""}, {"^\\circ", ""}, {"°", ""}, {"\\degree", ""},
            {"\\$", ""}, {"$", ""}, {"€", ""}, {"£", ""}, {"**", ""},
            {"\\[", ""}, {"\\]", ""}, {"\\(", ""}, {"\\)", ""},
            {"\\!", ""}, {"\\,", " "}, {"\\;", " "}, {"\\:", " "}, {"\\ ", " "}, {"~", " "},
            {"\u2212", "-"}, {"×", "\\times "}, {"÷", "\\div "}, {"·", "\\cdot "}, {"π", "\\pi "},
            {"∞", "\\infty "}, {"∪", "\\cup "}, {"±", "\\pm "}, {"∅", "\\emptyset "}, {"√", "\\sqrt "},
            {"\\lbrace", "\\{"}, {"\\rbrace", "\\}"}, {"\\lvert", "|"}, {"\\rvert", "|"},
    };
    private static final String[] TEXT_COMMANDS = {"\\text", "\\textbf", "\\textrm", "\\mathrm", "\\mathbf",
            "\\mbox", "\\operatorname", "\\textit", "\\mathit"};

    private MathText() {
    }

    static String prepare(String text) {
        String s = text;
        if (s.contains("\\boxed") || s.contains("\\fbox")) {
            s = AnswerFinder.boxed(s).orElse(s);
        }
        s = unwrapTextCommands(s);
        for (String[] r : REPLACEMENTS) {
            if (s.contains(r[0])) {
                s = s.replace(r[0], r[1]);
            }
        }
        s = s.strip();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
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
