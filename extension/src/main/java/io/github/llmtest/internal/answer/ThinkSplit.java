package io.github.llmtest.internal.answer;

/**
 * Splits a leading {@code <think>…</think>} block off an answer, as models that reason inside their content write
 * it. Not API.
 *
 * @param thinking the reasoning inside the block, or empty
 * @param answer   the text after it (the whole text when there is no block); empty when the block is never closed
 * @param unclosed whether a {@code <think>} block was opened and never closed (cut by the token limit)
 */
public record ThinkSplit(String thinking, String answer, boolean unclosed) {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    /**
     * @param text an answer as the server sent it
     * @return its reasoning and its answer
     */
    public static ThinkSplit of(String text) {
        String start = text.stripLeading();
        if (!start.startsWith(OPEN)) {
            return new ThinkSplit("", text, false);
        }
        int close = start.indexOf(CLOSE);
        if (close < 0) {
            return new ThinkSplit(start.substring(OPEN.length()).strip(), "", true);
        }
        return new ThinkSplit(start.substring(OPEN.length(), close).strip(),
                start.substring(close + CLOSE.length()).stripLeading(), false);
    }
}
