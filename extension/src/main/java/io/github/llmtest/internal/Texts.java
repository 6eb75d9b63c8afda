package io.github.llmtest.internal;

/** The one way llmtest shortens long texts for messages, logs and reports. */
public final class Texts {

    private Texts() {
    }

    /**
     * The start of a text on one line: line breaks shown as {@code ⏎}, cut with {@code …}.
     *
     * @param text the text, possibly null
     * @param max  the most characters kept
     * @return the shortened text; empty for null
     */
    public static String head(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace("\r", "").replace("\n", "⏎ ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }

    /**
     * The start of a text with its line breaks, cut with {@code …}.
     *
     * @param text the text, possibly null
     * @param max  the most characters kept
     * @return the shortened text; empty for null
     */
    public static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /**
     * The end of a text with its line breaks, starting with {@code …} when cut.
     *
     * @param text the text, possibly null
     * @param max  the most characters kept
     * @return the shortened text; empty for null
     */
    public static String tail(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }

    /**
     * The end of a text on one line, line breaks as spaces, starting with {@code …} when cut.
     *
     * @param text the text, possibly null
     * @param max  the most characters kept
     * @return the shortened text; empty for null
     */
    public static String tailLine(String text, int max) {
        return tail(text == null ? null : text.replace("\r", "").replace("\n", " ").strip(), max);
    }

    /**
     * The start of a text on one line in single quotes, for quoting what a server sent.
     *
     * @param text the text, possibly null
     * @param max  the most characters kept
     * @return for example {@code 'not json…'}
     */
    public static String quote(String text, int max) {
        return "'" + head(text, max) + "'";
    }
}
