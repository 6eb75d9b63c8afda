package com.example;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain Spring Boot test, no model involved: it runs first, so Spring creates (and caches) the context here. */
@SpringBootTest
@Order(1)
class ApplicationTest {

    @Autowired
    TutorService tutor;

    @Test
    void startsWithTheTutor() {
        assertThat(tutor).isNotNull();
    }
}
