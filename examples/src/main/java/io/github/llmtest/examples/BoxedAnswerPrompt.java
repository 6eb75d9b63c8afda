package io.github.llmtest.examples;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmRequest;

import java.util.Objects;

/**
 * A prompt the user owns: the model is told to reason step by step and to put its final answer in
 * {@code \boxed{}}, so that callers can read the answer reliably. {@code BoxedAnswerPromptTest} checks that this
 * behaviour holds, the way a unit test checks code.
 */
public final class BoxedAnswerPrompt {

    /** The system prompt whose behaviour the tests pin down. */
    public static final String SYSTEM_PROMPT =
            "Reason step by step and put the final answer in \\boxed{}.";

    private final Llm llm;

    /**
     * @param llm the model to ask
     */
    public BoxedAnswerPrompt(Llm llm) {
        this.llm = Objects.requireNonNull(llm, "llm");
    }

    /**
     * Asks a question under the system prompt.
     *
     * @param question the question
     * @return the model's answer, expected to end with a boxed answer
     */
    public LlmAnswer solve(String question) {
        return llm.chat(LlmRequest.builder().system(SYSTEM_PROMPT).user(question).build());
    }
}
