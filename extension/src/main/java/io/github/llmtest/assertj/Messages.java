package io.github.llmtest.assertj;

import io.github.llmtest.Latency;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.internal.Texts;


/** The parts of failure messages that let a CI log explain itself. */
final class Messages {

    static final int TAIL = 400;

    private Messages() {
    }

    /** The description put in front of an extracted-value assertion: what, from where, and the text's end. */
    static String context(String what, String extracted, String describedAs, String text) {
        return what + " " + quote(extracted) + " extracted from " + describedAs + ", which ends with:\n" + tail(text);
    }

    /** "the answer (…)" becomes "The answer (…)". */
    static String capitalized(String phrase) {
        return phrase.isEmpty() ? phrase : Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    static String tail(String text) {
        return "  | " + Texts.tail(text, TAIL).replace("\n", "\n  | ");
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** Says whether latency figures were measured now or recorded earlier, and where they came from. */
    static String figuresSource(LlmAnswer answer) {
        return answer.replayed()
                ? "These figures were recorded, not measured in this run (" + answer.provenance() + ")."
                : "Measured in this run (" + answer.provenance() + ").";
    }

    static String breakdown(Latency latency) {
        return "Latency: " + latency + ".";
    }
}
