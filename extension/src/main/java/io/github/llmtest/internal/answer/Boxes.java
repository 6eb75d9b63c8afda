package io.github.llmtest.internal.answer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The boxes of an answer ({@code \boxed{…}}, {@code \fbox{…}}, {@code \boxed 5}) and which of them state one
 * answer together: boxes in a row with only joiners, or a few words or labels, between them. Linear in the text.
 */
final class Boxes {

    /** Boxes joined into one answer: more than this is not a set anyone asked for. */
    private static final int MAX_JOINED = 64;
    private static final String[] BOX_COMMANDS = {"\\boxed", "\\fbox"};

    private Boxes() {
    }

    /** A box: the command starts at {@code start}, the closing brace ends before {@code end}. */
    record Box(int start, int end, int contentStart, int contentEnd) {
        String content(String text) {
            return text.substring(contentStart, contentEnd);
        }
    }

    /** The boxes of a text, in order. */
    static List<Box> find(String text) {
        List<Box> boxes = new ArrayList<>();
        if (!text.contains("\\boxed") && !text.contains("\\fbox")) {
            return boxes;
        }
        int[] match = matchingBraces(text);
        int i = 0;
        while (i < text.length()) {
            int command = -1;
            int length = 0;
            for (String name : BOX_COMMANDS) {
                if (text.startsWith(name, i) && (i + name.length() >= text.length()
                        || !Character.isLetter(text.charAt(i + name.length())))) {
                    command = i;
                    length = name.length();
                }
            }
            if (command < 0) {
                i++;
                continue;
            }
            int j = command + length;
            while (j < text.length() && text.charAt(j) == ' ') {
                j++;
            }
            if (j < text.length() && text.charAt(j) == '{') {
                if (match[j] > 0) {
                    boxes.add(new Box(command, match[j] + 1, j + 1, match[j]));
                    i = match[j] + 1;
                } else {
                    i = j + 1;
                }
            } else if (j > command + length) {
                int e = j;
                while (e < text.length() && !Character.isWhitespace(text.charAt(e)) && text.charAt(e) != '$') {
                    e++;
                }
                int contentEnd = e;
                while (contentEnd > j && ".,;".indexOf(text.charAt(contentEnd - 1)) >= 0) {
                    contentEnd--;
                }
                if (contentEnd > j) {
                    boxes.add(new Box(command, e, j, contentEnd));
                }
                i = Math.max(e, i + 1);
            } else {
                i = j;
            }
        }
        return boxes;
    }

    /** For each unescaped '{', the index of its matching '}', or 0 when it has none. One pass with a stack. */
    private static int[] matchingBraces(String text) {
        int[] match = new int[text.length()];
        int[] open = new int[16];
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '{' && c != '}') {
                continue;
            }
            boolean escaped = i > 0 && text.charAt(i - 1) == '\\' && (i < 2 || text.charAt(i - 2) != '\\');
            if (escaped) {
                continue;
            }
            if (c == '{') {
                if (depth == open.length) {
                    open = Arrays.copyOf(open, depth * 2);
                }
                open[depth++] = i;
            } else if (depth > 0) {
                match[open[--depth]] = i;
            }
        }
        return match;
    }

    /** The first box of the run of boxes that ends with box {@code last} and states one answer. */
    static int firstJoined(String text, List<Box> boxes, int last) {
        int first = last;
        while (first > 0 && first > last - MAX_JOINED && joinable(text, boxes.get(first - 1).end(),
                boxes.get(first).start())) {
            first--;
        }
        return first;
    }

    static String joined(String text, List<Box> boxes, int first, int last) {
        List<String> parts = new ArrayList<>();
        for (int b = first; b <= last; b++) {
            parts.add(boxes.get(b).content(text).strip());
        }
        return String.join(", ", parts);
    }

    /** The most a gap of words between two boxes of one answer may hold ("apples and", "for part (a) and"). */
    private static final int MAX_LABEL_GAP = 48;
    private static final int MAX_LABEL_WORDS = 5;
    /** Words that make a later box a correction or a conclusion, not the next part of one answer. */
    private static final Set<String> NOT_BETWEEN_PARTS = Set.of("is", "are", "was", "were",
            "be", "so", "thus", "hence", "therefore", "then", "but", "wait", "actually", "instead", "however",
            "not", "no", "wrong", "correct", "correction", "mistake", "oops", "sorry", "rather", "redo", "recheck",
            "recompute", "recomputing", "gives", "give", "gave", "get", "gets", "got", "becomes", "equals", "means",
            "yields", "which", "i", "we", "let", "maybe", "check", "hmm", "final", "answer", "should", "first",
            "again", "total", "result");

    /**
     * Whether two boxes state one answer: only joiners between them, or a few words or labels with neither a
     * sentence end nor a word of correction ("\boxed{1} apples and \boxed{2} pears", "(a) \boxed{3} (b)").
     */
    private static boolean joinable(String text, int from, int to) {
        if (onlyJoiners(text, from, to)) {
            return true;
        }
        if (to - from > MAX_LABEL_GAP) {
            return false;
        }
        int words = 0;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && (i + 1 >= to || Character.isWhitespace(text.charAt(i + 1)))) {
                return false;
            }
            if (!Character.isLetter(c)) {
                i++;
                continue;
            }
            int j = i;
            while (j < to && Character.isLetter(text.charAt(j))) {
                j++;
            }
            boolean command = i > 0 && text.charAt(i - 1) == '\\';
            if (!command && (NOT_BETWEEN_PARTS.contains(text.substring(i, j).toLowerCase(Locale.ROOT))
                    || ++words > MAX_LABEL_WORDS)) {
                return false;
            }
            i = j;
        }
        return true;
    }

    /** What may stand between boxes that together state one answer. */
    private static final String[] JOINERS = {"\\text{ and }", "\\text{and}", "\\text{ or }", "\\text{or}",
            "\\qquad", "\\quad", "\\(", "\\)", "\\[", "\\]", "\\,", "\\;", "and", "or"};

    /**
     * Whether only joiners stand between two boxes: commas, semicolons, "and", "or", math delimiters, spacing.
     * One pass over the gap, so a long run of separators stays linear.
     */
    private static boolean onlyJoiners(String text, int from, int to) {
        int i = from;
        next:
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ',' || c == ';' || c == '$') {
                i++;
                continue;
            }
            for (String joiner : JOINERS) {
                if (i + joiner.length() <= to && text.regionMatches(true, i, joiner, 0, joiner.length())
                        && (!Character.isLetter(joiner.charAt(0)) || i + joiner.length() >= to
                        || !Character.isLetter(text.charAt(i + joiner.length())))) {
                    i += joiner.length();
                    continue next;
                }
            }
            return false;
        }
        return true;
    }
}
