package io.github.llmtest.internal.answer;

/**
 * Trims the prose around an anchored answer: a subject before a copula ("The smallest $k$ is 12" gives 12,
 * "比例是5/12" gives 5/12) and a clause after it ("45, all told, …" gives 45). Only words without digits are
 * dropped, so lists, equations and numbers with units stay whole.
 */
final class Prose {

    /** Copulas after a subject, in the languages of the anchors; the answer follows the last one. */
    private static final String[] COPULAS = {" is ", " are ", " equals ", " est ", " ist ", " es ", " é ", " è ",
            " равен ", " равна ", "是", "为", "為"};
    /** Separators before a trailing clause. */
    private static final String[] CLAUSES = {", ", "; ", " — ", " – ", " (", "，"};

    private Prose() {
    }

    static String trim(String answer) {
        String trimmed = AnswerFinder.clean(trailingClause(subject(answer)));
        return AnswerFinder.clean(aroundNumber(trimmed));
    }

    /**
     * "il lui restera 220 $ à payer" → "220 $", "she has 12 apples left" → "12 apples": a sentence in any language
     * with one number and no math keeps the number and the unit or currency sign right after it.
     */
    private static String aroundNumber(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            return s;
        }
        NumberScanner.Found number = NumberScanner.first(s, 0, s.length());
        if (number == null || NumberScanner.first(s, number.end(), s.length()) != null
                || !plainWords(s, 0, number.start())) {
            return s;
        }
        int end = number.end();
        int unit = end;
        while (unit < s.length() && s.charAt(unit) == ' ') {
            unit++;
        }
        if (unit < s.length() && "$€£%".indexOf(s.charAt(unit)) >= 0) {
            end = unit + 1;
        } else {
            int word = unit;
            while (word < s.length() && Character.isLetter(s.charAt(word))) {
                word++;
            }
            end = word > unit ? word : end;
        }
        return plainWords(s, end, s.length()) ? s.substring(number.start(), end).strip() : s;
    }

    /** Whether {@code [from, to)} holds words only: no digit, equals sign, command, math or brackets. */
    private static boolean plainWords(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c) || "=\\$^_{}()[]<>|+*/".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** "The smallest $k$ is 12" → "12": the subject before the last copula, when it holds no digit. */
    private static String subject(String s) {
        boolean[] math = mathMask(s);
        int best = -1;
        int end = -1;
        for (String copula : COPULAS) {
            int at = s.lastIndexOf(copula);
            while (at >= 0 && math[at]) {
                at = at == 0 ? -1 : s.lastIndexOf(copula, at - 1);
            }
            if (at > best) {
                best = at;
                end = at + copula.length();
            }
        }
        if (best <= 0 || end >= s.length() || hasDigit(s, 0, best)) {
            return s;
        }
        return s.substring(end).strip();
    }

    /** For each index, whether it lies inside {@code $…$} math. One pass. */
    private static boolean[] mathMask(String s) {
        boolean[] mask = new boolean[s.length()];
        boolean inside = false;
        for (int i = 0; i < s.length(); i++) {
            if (isMathDollar(s, i)) {
                inside = !inside;
            }
            mask[i] = inside;
        }
        return mask;
    }

    /** "45, all told, after counting" → "45": a clause of words only after the answer. */
    private static String trailingClause(String s) {
        int depth = 0;
        boolean math = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isMathDollar(s, i)) {
                math = !math;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            if (math || depth > 0 && c != '(') {
                continue;
            }
            for (String clause : CLAUSES) {
                if (i > 0 && s.startsWith(clause, i) && wordsOnly(s, i + clause.length())) {
                    return s.substring(0, i).strip();
                }
            }
        }
        return s;
    }

    /** Whether the rest starts with a lower-case word and holds no digit, equals sign, command or math. */
    private static boolean wordsOnly(String s, int from) {
        if (from >= s.length() || !Character.isLowerCase(s.charAt(from))) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c) || c == '=' || c == '\\' || c == '$') {
                return false;
            }
        }
        return true;
    }

    /** A {@code $} that opens or closes math, not a currency sign before an amount ({@code $1,638}). */
    static boolean isMathDollar(String s, int i) {
        if (s.charAt(i) != '$' || i > 0 && s.charAt(i - 1) == '\\') {
            return false;
        }
        return i + 1 >= s.length() || !Character.isDigit(s.charAt(i + 1)) || i > 0 && s.charAt(i - 1) != ' '
                && s.charAt(i - 1) != '(';
    }

    private static boolean hasDigit(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
