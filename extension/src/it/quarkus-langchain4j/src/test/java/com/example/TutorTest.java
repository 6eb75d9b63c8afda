package com.example;

import io.github.llmtest.LlmServer;
import io.github.llmtest.LlmTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static io.github.llmtest.assertj.LlmAssertions.assertThatText;

/**
 * The README's Quarkus test, with {@code @QuarkusTest} first, so that Quarkus's callbacks run before llmtest's; the
 * application was booted before this class, by {@link GreeterTest}.
 */
@QuarkusTest
@LlmTest
class TutorTest {

    @Inject
    Tutor tutor;

    @Test
    void solvesFibonacci(LlmServer server) {
        String reply = tutor.solve("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...");

        assertThatText(reply).boxedAnswer().isEqualTo("6765");
        assertThat(server.calls()).singleElement()
                .satisfies(call -> assertThat(call.prompt()).contains("20th value"));
    }
}
