package io.github.llmtest.internal.answer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The extraction behind {@code io.github.llmtest.answer.Answers}: boxes, anchors by tier, and the candidates an
 * answer may commit to. Pure functions, linear in the length of the text.
 */
public final class AnswerFinder {

    private static final int MAX_CANDIDATE = 300;
    /** A boxed answer or LaTeX block longer than this is not an answer (a matrix fits easily). */
    private static final int MAX_BLOCK = 5_000;
    /** Only the rightmost anchors of a tier are tried; more cannot change the result in any real answer. */
    private static final int MAX_PER_TIER = 32;

    private AnswerFinder() {
    }

    /**
     * The last {@code \boxed{...}} or {@code \fbox{...}} answer, braces matched by counting, also
     * {@code \boxed 5}. Several boxes in a row joined by commas, "and", "or", math delimiters or a few words or
     * labels form one answer {@code 1, 2, 3}; a later box after a sentence end or a correction wins alone. After a
     * reasoning model's {@code <think>…</think>}, only the answer after it counts.
     *
     * @param text the answer text
     * @return the content of the last box, or empty when there is none
     */
    public static Optional<String> boxed(String text) {
        String answer = answerPart(text);
        List<Boxes.Box> boxes = Boxes.find(answer);
        if (boxes.isEmpty()) {
            return Optional.empty();
        }
        int last = boxes.size() - 1;
        int first = last;
        String joined = Boxes.joined(answer, boxes, Boxes.firstJoined(answer, boxes, last), last);
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    /**
     * The answer the text commits to, by anchor priority. Prose around an anchored answer is trimmed: "Final
     * Answer: The smallest $k$ is 12." gives 12, "The answer is 45, all told" gives 45.
     *
     * @param text the answer text
     * @return the answer as written, trimmed of markup around it; empty when nothing answer-like is there
     */
    public static Optional<String> finalAnswer(String text) {
        String answer = answerPart(text);
        for (Candidate candidate : candidates(answer, true)) {
            if (candidate.end() - candidate.start() > MAX_BLOCK) {
                continue;
            }
            String cleaned = clean(candidate.text(answer));
            if (candidate.prose()) {
                cleaned = Prose.trim(cleaned);
            }
            if (!cleaned.isEmpty()) {
                return Optional.of(cleaned);
            }
        }
        return Optional.empty();
    }

    /**
     * The number of the highest-priority candidate that has one. A candidate written as a closed form
     * ({@code 2\sqrt{5}}, {@code \frac{\sqrt{3}}{2}}, {@code 25\pi}) is evaluated by {@code closedForm} where it
     * can be, rather than read as its first digit.
     *
     * @param text       the answer text
     * @param closedForm evaluates a constant expression, or gives empty
     * @return the number, or empty
     */
    public static Optional<NumberScanner.Found> finalNumber(String text,
                                                            Function<String, Optional<BigDecimal>> closedForm) {
        String answer = answerPart(text);
        for (Candidate candidate : candidates(answer, false)) {
            if (candidate.several()) {
                continue;
            }
            NumberScanner.Found found = NumberScanner.first(answer, candidate.start(), candidate.end());
            if (candidate.end() - candidate.start() <= MAX_CANDIDATE && isClosedForm(answer, candidate, found)) {
                String cleaned = clean(answer.substring(candidate.start(), candidate.end()));
                Optional<BigDecimal> value = closedForm.apply(candidate.prose() ? Prose.trim(cleaned) : cleaned);
                if (value.isPresent()) {
                    return Optional.of(new NumberScanner.Found(candidate.start(), candidate.end(), value.get(),
                            false, cleaned, null));
                }
            }
            if (found != null && !candidate.closedFormOnly()) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /**
     * The last number of a short text.
     *
     * @param text the text
     * @return the number, or empty
     */
    public static Optional<NumberScanner.Found> lastNumber(String text) {
        return Optional.ofNullable(NumberScanner.last(text, 0, text.length()));
    }

    /**
     * The letter of a multiple-choice answer; see {@link Choices}.
     *
     * @param text    the answer text
     * @param letters the letters that are choices, upper case
     * @return the chosen letter, upper case, or empty
     */
    public static Optional<String> choice(String text, String letters) {
        String answer = answerPart(text);
        List<int[]> anchored = new ArrayList<>();
        List<List<Integer>> phrases = phrases(answer);
        for (List<Integer> tier : phrases) {
            for (int f = tier.size() - 1; f >= 0; f--) {
                anchored.add(new int[] {tier.get(f), sentenceEnd(answer, tier.get(f))});
            }
        }
        List<String> boxed = new ArrayList<>();
        boxed(answer).ifPresent(boxed::add);
        return Choices.find(answer, letters, boxed, anchored);
    }

    /**
     * The part of a text that holds the answer: what follows a closed {@code <think>…</think>} block when anything
     * does, else the whole text.
     */
    static String answerPart(String text) {
        int close = text.lastIndexOf("</think>");
        if (close < 0) {
            return text;
        }
        String after = text.substring(close + "</think>".length());
        return after.isBlank() ? text : after;
    }

    /** Closed forms: a root, pi, a function or a power the number reader did not read as part of a number. */
    private static boolean isClosedForm(String text, Candidate candidate, NumberScanner.Found found) {
        int to = Math.min(candidate.end(), text.length());
        for (int at = candidate.start(); at < to; at++) {
            char c = text.charAt(at);
            if (c != '\\' && c != '^' && c != 'e' && c != '√' && c != 'π'
                    || found != null && at >= found.start() && at < found.end()) {
                continue;
            }
            if (text.startsWith("^\\circ", at) || text.startsWith("^{\\circ}", at)) {
                continue; // degrees are a unit
            }
            for (String marker : CLOSED_FORM_MARKERS) {
                if (text.startsWith(marker, at) && at + marker.length() <= to) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * A span of the text that may hold the answer. {@code written} is the answer when it is not the span itself
     * (boxes joined into one answer), {@code several} marks an answer of several values, which
     * {@link #finalNumber} passes over, and {@code closedFormOnly} a span that counts only when it evaluates.
     */
    private record Candidate(int start, int end, boolean prose, String written, boolean several,
                             boolean closedFormOnly) {
        Candidate(int start, int end, boolean prose, String written, boolean several) {
            this(start, end, prose, written, several, false);
        }

        Candidate(int start, int end, boolean prose) {
            this(start, end, prose, null, false);
        }

        Candidate(int start, int end) {
            this(start, end, false);
        }

        String text(String in) {
            return written != null ? written : in.substring(start, end);
        }
    }

    /**
     * The phrase anchors, by tier: the final answer, "answer:", "the answer is", GSM8K's "####"; in English,
     * French, German, Spanish, Portuguese, Italian, Russian, Chinese, Japanese and Korean.
     */
    private static final String[][] ANCHORS = {
            {"final answer is", "final answer:", "réponse finale :", "réponse finale:", "respuesta final:",
                    "resposta final:", "risposta finale:", "endgültige antwort:", "окончательный ответ:",
                    "最终答案：", "最终答案:", "最終答案：", "最終答案:"},
            {"answer:", "réponse :", "réponse:", "antwort:", "respuesta:", "resposta:", "risposta:", "ответ:",
                    "答案：", "答案:", "答：", "答:", "回答：", "回答:", "정답:", "정답 :", "답:"},
            {"answer is", "choice is", "option is", "i choose", "la réponse est", "die antwort ist",
                    "la respuesta es", "a resposta é", "la risposta è", "ответ равен", "答案是", "答案为", "答案為"},
            {"####"}};
    private static final String ANCHOR_STARTS = anchorStarts();
    /** The anchors by their first letter (lower case), each as {tier, anchor}: tried only where they can match. */
    private static final java.util.Map<Character, List<Object[]>> ANCHORS_BY_START = anchorsByStart();
    private static final String[] CLOSED_FORM_MARKERS = {"\\sqrt", "√", "\\pi", "π", "\\ln", "\\log", "\\sin",
            "\\cos", "\\tan", "\\exp", "e^", "^"};

    private static java.util.Map<Character, List<Object[]>> anchorsByStart() {
        java.util.Map<Character, List<Object[]>> byStart = new java.util.HashMap<>();
        for (int t = 0; t < ANCHORS.length; t++) {
            for (String anchor : ANCHORS[t]) {
                byStart.computeIfAbsent(anchor.charAt(0), k -> new ArrayList<>()).add(new Object[] {t, anchor});
            }
        }
        return byStart;
    }

    private static String anchorStarts() {
        StringBuilder starts = new StringBuilder();
        for (String[] tier : ANCHORS) {
            for (String anchor : tier) {
                char c = anchor.charAt(0);
                if (starts.indexOf(String.valueOf(c)) < 0) {
                    starts.append(c);
                }
            }
        }
        return starts.toString();
    }

    /**
     * Every candidate, best first: tier by tier, rightmost first within a tier. With {@code whole}, boxes that state
     * one answer together are one candidate and a closing run of assignments ({@code x = 7 and y = 6}) is one too;
     * without, each box is its own candidate (a number is asked for).
     */
    private static List<Candidate> candidates(String text, boolean whole) {
        List<List<Integer>> phrases = phrases(text);
        List<Candidate> out = new ArrayList<>();
        addRightmostFirst(text, phrases.get(0), out);
        List<Boxes.Box> boxes = Boxes.find(text);
        int lowest = Math.max(0, boxes.size() - MAX_PER_TIER);
        for (int b = boxes.size() - 1; b >= lowest; b--) {
            int first = whole ? Boxes.firstJoined(text, boxes, b) : b;
            Boxes.Box box = boxes.get(b);
            if (first == b) {
                out.add(new Candidate(box.contentStart(), box.contentEnd()));
            } else {
                out.add(new Candidate(boxes.get(first).contentStart(), box.contentEnd(), false,
                        Boxes.joined(text, boxes, first, b), true));
                b = first;
            }
        }
        addRightmostFirst(text, phrases.get(1), out);
        addRightmostFirst(text, phrases.get(2), out);
        addRightmostFirst(text, phrases.get(3), out);
        boldAtEnd(text, out);
        lastBlockOrNumber(text, out, whole);
        return out;
    }

    /** One pass over the text: where each tier's anchors end, the last few of each tier. */
    private static List<List<Integer>> phrases(String text) {
        List<List<Integer>> found = new ArrayList<>();
        for (int t = 0; t < ANCHORS.length; t++) {
            found.add(new ArrayList<>());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (ANCHOR_STARTS.indexOf(c) < 0) {
                continue;
            }
            // an anchor starts a word, except in scripts written without spaces
            boolean wordStart = i == 0 || !Character.isLetter(text.charAt(i - 1)) || isIdeograph(c);
            if (!wordStart) {
                continue;
            }
            int longest = 0;
            for (Object[] entry : ANCHORS_BY_START.get(c)) {
                String anchor = (String) entry[1];
                if (text.regionMatches(true, i, anchor, 0, anchor.length())) {
                    List<Integer> tier = found.get((Integer) entry[0]);
                    if (tier.size() == 2 * MAX_PER_TIER) {
                        // keep the rightmost: drop the older half at once, so the list stays cheap
                        tier.subList(0, MAX_PER_TIER).clear();
                    }
                    tier.add(i + anchor.length());
                    longest = Math.max(longest, anchor.length());
                }
            }
            if (longest > 1) {
                i += longest - 1; // no anchor starts inside a matched one in a way that could rank higher
            }
        }
        for (List<Integer> tier : found) {
            if (tier.size() > MAX_PER_TIER) {
                tier.subList(0, tier.size() - MAX_PER_TIER).clear();
            }
        }
        return found;
    }

    private static boolean isIdeograph(char c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HANGUL
                || script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
    }

    /** Adds the text after each anchor, rightmost first, up to the end of its sentence. */
    private static void addRightmostFirst(String text, List<Integer> starts, List<Candidate> out) {
        for (int f = starts.size() - 1; f >= 0; f--) {
            int start = starts.get(f);
            out.add(new Candidate(start, sentenceEnd(text, start), true));
        }
    }

    /** The end of the line or sentence that starts at {@code start}, at most {@link #MAX_CANDIDATE} characters. */
    private static int sentenceEnd(String text, int start) {
        int limit = Math.min(text.length(), start + MAX_CANDIDATE);
        int i = start;
        while (i < limit && (text.charAt(i) == ' ' || text.charAt(i) == ':' || text.charAt(i) == '：'
                || text.charAt(i) == '\n' && i - start < 2)) {
            i++;
        }
        for (; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '。') {
                return i;
            }
            boolean spacing = i > 0 && text.charAt(i - 1) == '\\'; // \! is LaTeX spacing, not an exclamation
            if ((c == '.' || c == '!' || c == '?' || c == ';') && !spacing && (i + 1 >= text.length()
                    || Character.isWhitespace(text.charAt(i + 1)) || text.charAt(i + 1) == '*')) {
                return i;
            }
        }
        return limit;
    }

    /** The last {@code **bold**} span when nothing but punctuation, space or a short line follows it. */
    private static void boldAtEnd(String text, List<Candidate> out) {
        int close = text.lastIndexOf("**");
        if (close < 2) {
            return;
        }
        int open = text.lastIndexOf("**", close - 1);
        if (open < 0 || close - open - 2 > MAX_CANDIDATE || close - open <= 2) {
            return;
        }
        String inside = text.substring(open + 2, close);
        String after = text.substring(close + 2);
        if (inside.indexOf('\n') >= 0 || after.contains("\n\n") && !after.strip().isEmpty()) {
            return;
        }
        out.add(new Candidate(open + 2, close));
    }

    /**
     * The rightmost LaTeX display or inline block, or the rightmost number, whichever ends later; before the number,
     * the closed form it is part of ({@code 3\sqrt{13}}) and, with {@code whole}, the run of assignments it ends
     * ({@code x = 7 and y = 6}).
     */
    private static void lastBlockOrNumber(String text, List<Candidate> out, boolean whole) {
        Candidate block = lastLatexBlock(text);
        NumberScanner.Found number = NumberScanner.last(text, 0, text.length());
        Assignments.Span assignments = whole && number != null ? Assignments.endingAt(text, number) : null;
        if (assignments != null) {
            out.add(new Candidate(assignments.start(), assignments.end(), false, assignments.written(), true));
        }
        if (block != null && (number == null || block.end() >= number.end())) {
            out.add(block);
        }
        if (number != null) {
            Candidate closedForm = closedFormAround(text, number);
            if (closedForm != null) {
                out.add(closedForm);
            }
            out.add(new Candidate(number.start(), number.end()));
        }
    }

    /**
     * {@code 3\sqrt{13}}, {@code \frac{5\pi}{6}}, {@code 2^{10}} written without delimiters: the run of
     * non-space characters around the number, when it is a closed form written in LaTeX; else null. A plain
     * {@code (1.025)^20} stays its last number.
     */
    private static Candidate closedFormAround(String text, NumberScanner.Found number) {
        int start = number.start();
        int floor = Math.max(0, number.start() - MAX_CANDIDATE);
        while (start > floor && !Character.isWhitespace(text.charAt(start - 1)) && text.charAt(start - 1) != '$') {
            start--;
        }
        int end = number.end();
        int ceiling = Math.min(text.length(), number.end() + MAX_CANDIDATE);
        while (end < ceiling && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '$') {
            end++;
        }
        while (end > number.end() && ".,;:!?".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        if (start == number.start() && end == number.end()) {
            return null;
        }
        Candidate around = new Candidate(start, end, false, null, false, true);
        return latexInside(text, start, end, false) && isClosedForm(text, around, null) ? around : null;
    }

    private static Candidate lastLatexBlock(String text) {
        Candidate best = lastInlineMath(text);
        for (String[] pair : new String[][] {{"\\[", "\\]"}, {"\\(", "\\)"}, {"$$", "$$"}}) {
            int close = text.lastIndexOf(pair[1]);
            if (close <= 0) {
                continue;
            }
            int open = text.lastIndexOf(pair[0], close - 1);
            if (open >= 0 && open + pair[0].length() <= close && close - open <= MAX_BLOCK
                    && (best == null || close > best.end())) {
                best = new Candidate(open + pair[0].length(), close);
            }
        }
        return best;
    }

    /** The last {@code $…$} block, its opening dollar not a currency sign ({@code $5}). */
    private static Candidate lastInlineMath(String text) {
        int close = text.lastIndexOf('$');
        while (close > 0) {
            int open = text.lastIndexOf('$', close - 1);
            if (open < 0 || close - open > MAX_BLOCK) {
                return null;
            }
            boolean display = open > 0 && text.charAt(open - 1) == '$' || text.charAt(open + 1) == '$';
            if (!display && open + 1 < close
                    && (Prose.isMathDollar(text, open) || latexInside(text, open + 1, close, true))) {
                // inline math counts as a block only for a closed form; "$x = 5$" stays the number 5
                Candidate inline = new Candidate(open + 1, close);
                return isClosedForm(text, inline, null) ? inline : null;
            }
            close = open;
        }
        return null;
    }

    /**
     * Whether a command or a power ({@code ^{…}} only, unless {@code bareCaret}) stands in {@code [from, to)}:
     * "$2^{10}$" is math, "$5 and $" money.
     */
    private static boolean latexInside(String text, int from, int to, boolean bareCaret) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\\' || text.charAt(i) == '^' && (bareCaret || i + 1 < to
                    && text.charAt(i + 1) == '{')) {
                return true;
            }
        }
        return false;
    }

    /** Trims what surrounds an answer: spaces, colons, "is", markdown bold, math delimiters, a final period. */
    static String clean(String candidate) {
        String s = candidate.strip();
        boolean changed = true;
        while (changed && !s.isEmpty()) {
            String before = s;
            if (s.startsWith(":")) {
                s = s.substring(1);
            }
            if (s.regionMatches(true, 0, "is ", 0, 3)) {
                s = s.substring(3);
            }
            for (String[] pair : new String[][] {{"**", "**"}, {"$$", "$$"}, {"\\[", "\\]"}, {"\\(", "\\)"}}) {
                if (s.startsWith(pair[0]) && s.endsWith(pair[1]) && s.length() >= pair[0].length() + pair[1].length()) {
                    s = s.substring(pair[0].length(), s.length() - pair[1].length());
                }
            }
            if (s.startsWith("**")) {
                s = s.substring(2);
            }
            if (s.endsWith("**")) {
                s = s.substring(0, s.length() - 2);
            }
            if (s.length() >= 2 && s.startsWith("$") && s.endsWith("$") && !s.startsWith("$$")) {
                s = s.substring(1, s.length() - 1);
            }
            while (!s.isEmpty() && ".,;".indexOf(s.charAt(s.length() - 1)) >= 0) {
                s = s.substring(0, s.length() - 1);
            }
            s = s.strip();
            changed = !s.equals(before);
        }
        Optional<String> boxedInside = s.contains("\\boxed") || s.contains("\\fbox") ? boxed(s) : Optional.empty();
        return boxedInside.orElse(s);
    }
}
