package com.example;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain Quarkus test, no model involved: it runs first, so the application boots here. */
@QuarkusTest
@Order(1)
class GreeterTest {

    @Inject
    Greeter greeter;

    @Test
    void greets() {
        assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada!");
    }
}
