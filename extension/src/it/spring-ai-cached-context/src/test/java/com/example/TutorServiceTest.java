package com.example;

import io.github.llmtest.LlmServer;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static io.github.llmtest.assertj.LlmAssertions.assertThatText;

/**
 * The README's Spring test with the placeholder in application.properties: the context comes from Spring's cache,
 * created by {@link ApplicationTest} before this class ran.
 */
@SpringBootTest
@LlmTest
@Order(2)
class TutorServiceTest {

    @Autowired
    TutorService tutor;

    @Test
    void solvesFibonacci(LlmServer server) {
        String reply = tutor.solve("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...");

        assertThatText(reply).boxedAnswer().isEqualTo("6765");
        assertThat(server.calls()).singleElement()
                .satisfies(call -> assertThat(call.prompt()).contains("20th value"));
    }
}
