package com.example;

import io.github.llmtest.LlmServer;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static io.github.llmtest.assertj.LlmAssertions.assertThatText;

/** The README's Spring snippet: the application's Ollama client pointed at LlmServer before the context starts. */
@SpringBootTest
@LlmTest
class TutorServiceTest {

    @DynamicPropertySource
    static void llm(DynamicPropertyRegistry registry) {
        registry.add("spring.ai.ollama.base-url", () -> System.getProperty(LlmServer.OLLAMA_URL_PROPERTY));
        registry.add("spring.ai.ollama.chat.options.model", () -> "phi4");
        registry.add("spring.ai.ollama.chat.options.temperature", () -> "0.0");
    }

    @Autowired
    TutorService tutor;

    @Test
    void solvesFibonacci(LlmServer server) {
        String reply = tutor.solve("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...");

        assertThatText(reply).boxedAnswer().isEqualTo("6765");
        assertThat(server.calls()).singleElement().satisfies(call -> assertThat(call.replayed()).isTrue());
    }
}
