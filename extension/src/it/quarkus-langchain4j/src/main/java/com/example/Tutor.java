package com.example;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;

/** The application's LLM feature: a math tutor, an AI service on the configured Ollama chat model. */
@RegisterAiService
public interface Tutor {

    @SystemMessage("You are a patient math tutor. Work the problem step by step, then give the final answer on its "
            + "own line, boxed as LaTeX does.")
    String solve(@UserMessage String problem);
}
