package io.github.llmtest.examples;

import java.util.Objects;

/**
 * A prompt the application owns: the model is told to reason step by step and to put its final answer in
 * {@code \boxed{}}, so that callers can read the answer reliably. Plain application code with no test
 * dependency; {@code BoxedAnswerPromptTest} checks that its behaviour holds, the way a unit test checks code.
 */
public final class BoxedAnswerPrompt {

    /** The system prompt whose behaviour the tests pin down. */
    public static final String SYSTEM_PROMPT =
            "Reason step by step and put the final answer in \\boxed{}.";

    /**
     * The messages for one question.
     *
     * @param system the system prompt
     * @param user   the question
     */
    public record Messages(String system, String user) {
    }

    private BoxedAnswerPrompt() {
    }

    /**
     * @param question the question
     * @return the system prompt and the question, ready for any chat client
     */
    public static Messages forQuestion(String question) {
        return new Messages(SYSTEM_PROMPT, Objects.requireNonNull(question, "question"));
    }
}
