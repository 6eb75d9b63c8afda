package io.github.llmtest.internal;

import io.github.llmtest.LlmAnswer;

import java.util.Objects;

/**
 * Lets the assertions note on an {@link LlmAnswer} what they extracted from it (for the run report) without a
 * public method on the answer. {@link LlmAnswer} installs the one {@link Writer} when its class initialises; the
 * assertions call {@link #note}. Not API.
 */
public final class AnswerNotes {

    /** Appends a note to an answer. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param answer the answer
         * @param what   for example {@code boxed answer}
         * @param value  what was extracted, or a note that nothing was
         */
        void note(LlmAnswer answer, String what, String value);
    }

    /** The note on a judge's answer that says whether {@code @LatencyBudget} counts it. */
    public static final String JUDGE_LATENCY = "judge latency";
    /** Its value for a judge call the budget leaves out. */
    public static final String EXCLUDED = "excluded";

    private static volatile Writer writer;

    private AnswerNotes() {
    }

    /**
     * Called once, by {@link LlmAnswer}'s static initialiser; later calls are ignored.
     *
     * @param value the writer
     */
    public static synchronized void install(Writer value) {
        if (writer == null) {
            writer = Objects.requireNonNull(value, "writer");
        }
    }

    /**
     * Notes what an assertion extracted from an answer.
     *
     * @param answer the answer; its class is initialised, so the writer is installed
     * @param what   for example {@code boxed answer}
     * @param value  what was extracted, or a note that nothing was
     */
    public static void note(LlmAnswer answer, String what, String value) {
        writer.note(answer, what, value);
    }
}
