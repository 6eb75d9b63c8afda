package io.github.llmtest.internal.answer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A system's solution written as separate assignments at the end of a text: "so x = 7 and y = 6", "Thus $x=7$,
 * $y=6$." Found in a bounded window before the last number, so the search stays linear in the text.
 */
final class Assignments {

    /** Far longer than any closing run of assignments. */
    private static final int WINDOW = 300;
    private static final String NAME = "[A-Za-z](?:_\\{?[A-Za-z0-9]{1,4}\\}?)?";
    private static final String VALUE = "[-\u2212]?\\d+(?:\\.\\d+)?(?:/\\d+)?";
    private static final String ONE = "(?:\\$|\\\\\\()?\\s*" + NAME + "\\s*=\\s*" + VALUE + "\\s*(?:\\$|\\\\\\))?";
    private static final String JOINER = "\\s*(?:,\\s*(?:and\\s+)?|and\\s+|\\\\text\\{\\s*and\\s*\\}\\s*)";
    /** Two or more assignments joined by commas or "and", ending where the window ends, not after an operator. */
    private static final Pattern RUN = Pattern.compile("(?<![\\w=+\\-*/^\\\\])" + ONE + "(?:" + JOINER + ONE + ")+$");

    /** A run of assignments at {@code [start, end)}, and the answer as written without its math delimiters. */
    record Span(int start, int end, String written) {
    }

    private Assignments() {
    }

    /**
     * @param text   the answer text
     * @param number the last number of the text
     * @return the run of two or more assignments that ends with that number, or null
     */
    static Span endingAt(String text, NumberScanner.Found number) {
        int end = number.end();
        if (text.startsWith("$", end)) {
            end++;
        } else if (text.startsWith("\\)", end)) {
            end += 2;
        }
        int from = Math.max(0, end - WINDOW);
        Matcher matcher = RUN.matcher(text).region(from, end);
        matcher.useTransparentBounds(true).useAnchoringBounds(true);
        if (!matcher.find()) {
            return null;
        }
        String written = text.substring(matcher.start(), matcher.end()).replace("\\(", "").replace("\\)", "")
                .replace("$", "").strip();
        return new Span(matcher.start(), matcher.end(), written);
    }
}
