package com.example;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain Quarkus test, no model involved. Quarkus orders its test classes by name, so this one runs first and boots
 * the application that {@link TutorTest} then reuses: llmtest's URL must exist before it.
 */
@QuarkusTest
class GreeterTest {

    @Inject
    Greeter greeter;

    @Test
    void greets() {
        assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada!");
    }
}
