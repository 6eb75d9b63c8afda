package io.github.llmtest;

/** Short renderings of long texts for messages. */
final class Texts {

    private Texts() {
    }

    static String head(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace("\r", "").replace("\n", "⏎ ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }

    static String tail(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }
}
