package io.github.llmtest.examples;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;

/**
 * An application's LLM feature, written the way Java teams write them: a LangChain4j AI Service with a system
 * prompt. Its test, {@code MathTutorTest}, points the service's model at llmtest's {@code LlmServer} and checks the
 * replies the application returns.
 */
public interface MathTutor {

    /** The tutor's instructions: work the problem, then box the final answer so it can be checked. */
    String INSTRUCTIONS = "You are a patient math tutor. Work the problem step by step, then give the final "
            + "answer on its own line as \\boxed{answer}.";

    /**
     * @param problem a math word problem
     * @return the worked solution, ending with the boxed answer
     */
    @SystemMessage(INSTRUCTIONS)
    String solve(@UserMessage String problem);

    /**
     * @param model the chat model the tutor asks
     * @return a tutor backed by that model
     */
    static MathTutor using(ChatModel model) {
        return AiServices.create(MathTutor.class, model);
    }
}
