package com.example;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Service;

/** The application's LLM feature: a math tutor behind Spring AI's ChatClient, with a system prompt. */
@Service
public class TutorService {

    private final ChatClient chat;

    public TutorService(ChatClient.Builder builder) {
        this.chat = builder.defaultSystem("You are a patient math tutor. Work the problem step by step, then give "
                + "the final answer on its own line as \\boxed{answer}.").build();
    }

    public String solve(String problem) {
        return chat.prompt().user(problem).call().content();
    }
}
