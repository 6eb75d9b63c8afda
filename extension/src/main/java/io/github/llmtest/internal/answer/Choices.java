package io.github.llmtest.internal.answer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the letter a multiple-choice answer chose, not one it merely mentions. In order: the boxed answer, the
 * first letter after an answer anchor ("The answer is surely C, not A" gives C), a letter the text starts with
 * ("C. because …"), the first letter after the last conclusion word ("It is not A … therefore B" gives B), and last
 * the rightmost letter that is neither negated ("not A", "neither A nor D") nor an article or pronoun ("A bank",
 * "I think").
 */
final class Choices {

    private static final String[] CONCLUSIONS = {"therefore", "thus", "hence", "so", "donc", "also", "por lo tanto",
            "因此", "所以"};
    private static final String[] NEGATIONS = {"not", "neither", "nor", "except", "isn't", "isn’t", "never"};

    private Choices() {
    }

    static Optional<String> find(String text, String letters, List<String> boxed, List<int[]> anchored) {
        for (String box : boxed) {
            Optional<String> letter = first(box, 0, box.length(), letters, true);
            if (letter.isPresent()) {
                return letter;
            }
        }
        for (int[] span : anchored) {
            Optional<String> letter = first(text, span[0], span[1], letters, true);
            if (letter.isPresent()) {
                return letter;
            }
        }
        Optional<String> leading = leading(text, letters);
        if (leading.isPresent()) {
            return leading;
        }
        int conclusion = lastConclusion(text);
        if (conclusion >= 0) {
            Optional<String> letter = first(text, conclusion, text.length(), letters, false);
            if (letter.isPresent()) {
                return letter;
            }
        }
        return last(text, letters);
    }

    /** The first standalone choice letter in {@code [from, to)}; anchored spans also take "(b)" in lower case. */
    private static Optional<String> first(String text, int from, int to, String letters, boolean anchored) {
        for (int i = from; i < Math.min(to, text.length()); i++) {
            String letter = letterAt(text, i, letters, anchored);
            if (letter != null && (anchored || !articleOrPronoun(text, i))) {
                return Optional.of(letter);
            }
        }
        return Optional.empty();
    }

    /** "C. because …", "(A)", "**D**": a letter the text starts with, set off by punctuation or nothing. */
    private static Optional<String> leading(String text, String letters) {
        int i = 0;
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || "*(#".indexOf(text.charAt(i)) >= 0)) {
            i++;
        }
        String letter = letterAt(text, i, letters, true);
        if (letter == null) {
            return Optional.empty();
        }
        int after = i + 1;
        while (after < text.length() && "*)".indexOf(text.charAt(after)) >= 0) {
            after++;
        }
        boolean setOff = after >= text.length() || ".:)".indexOf(text.charAt(after)) >= 0
                || text.substring(after).isBlank() || text.charAt(after) == '\n';
        return setOff ? Optional.of(letter) : Optional.empty();
    }

    private static int lastConclusion(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int best = -1;
        for (String word : CONCLUSIONS) {
            int at = lower.lastIndexOf(word);
            while (at >= 0 && !wholeWord(lower, at, word.length())) {
                at = at == 0 ? -1 : lower.lastIndexOf(word, at - 1);
            }
            if (at >= 0 && at + word.length() > best) {
                best = at + word.length();
            }
        }
        return best;
    }

    /** The rightmost letter that is not negated and not an article or pronoun. */
    private static Optional<String> last(String text, String letters) {
        for (int i = text.length() - 1; i >= 0; i--) {
            String letter = letterAt(text, i, letters, false);
            if (letter != null && !articleOrPronoun(text, i) && !negated(text, i)) {
                return Optional.of(letter);
            }
        }
        return Optional.empty();
    }

    /**
     * The choice letter standing alone at {@code i} (not part of a word), upper case; in lower case only inside
     * parentheses of an anchored span, as in "Answer: (b)".
     */
    private static String letterAt(String text, int i, String letters, boolean anchored) {
        if (i < 0 || i >= text.length()) {
            return null;
        }
        char c = text.charAt(i);
        boolean before = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
        boolean after = i + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(i + 1))
                && text.charAt(i + 1) != '\'' && text.charAt(i + 1) != '’';
        if (!before || !after) {
            return null;
        }
        if (letters.indexOf(c) >= 0) {
            return String.valueOf(c);
        }
        char upper = Character.toUpperCase(c);
        boolean parenthesised = i > 0 && text.charAt(i - 1) == '(' && i + 1 < text.length()
                && text.charAt(i + 1) == ')';
        return anchored && parenthesised && Character.isLowerCase(c) && letters.indexOf(upper) >= 0
                ? String.valueOf(upper) : null;
    }

    /** "A bank", "I think": a capital A or I followed by a lower-case word. */
    private static boolean articleOrPronoun(String text, int i) {
        char c = text.charAt(i);
        if (c != 'A' && c != 'I') {
            return false;
        }
        return i + 2 < text.length() && text.charAt(i + 1) == ' ' && Character.isLowerCase(text.charAt(i + 2));
    }

    /** A negation word among the two words before the letter: "not A", "neither A nor D". */
    private static boolean negated(String text, int i) {
        int end = i;
        for (int word = 0; word < 2; word++) {
            while (end > 0 && !isWordChar(text.charAt(end - 1))) {
                end--;
            }
            int start = end;
            while (start > 0 && isWordChar(text.charAt(start - 1)) && end - start < 12) {
                start--;
            }
            if (start == end) {
                return false;
            }
            for (String negation : NEGATIONS) {
                if (end - start == negation.length() && text.regionMatches(true, start, negation, 0, end - start)) {
                    return true;
                }
            }
            end = start;
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetter(c) || c == '\'' || c == '’';
    }

    private static boolean wholeWord(String text, int at, int length) {
        return (at == 0 || !Character.isLetter(text.charAt(at - 1)))
                && (at + length >= text.length() || !Character.isLetter(text.charAt(at + length)));
    }
}
