package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** @LlmTest works on a single method, and as a meta-annotation of a team's own annotation. */
class AnnotationPlacementTest {

    static final List<String> MODELS = new CopyOnWriteArrayList<>();

    @TempDir
    Path fixtures;

    static class OnlyOneMethod {
        @org.junit.jupiter.api.Test
        @LlmTest(model = "llama3.2")
        void llm(Llm llm) {
            MODELS.add(llm.ask("hi").model());
        }

        @org.junit.jupiter.api.Test
        void plain() {
            MODELS.add("plain");
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @LlmTest
    @interface OurLlmTest {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @CompareModels({"phi4", "llama3.2"})
    @interface ComparedAcrossOurModels {
    }

    @OurLlmTest
    static class MetaAnnotated {
        @ComparedAcrossOurModels
        void asks(Llm llm) {
            MODELS.add(llm.ask("hi").model());
        }
    }

    @Test
    void onASingleMethodOfAPlainClass() {
        MODELS.clear();
        try (FakeOllama server = FakeOllama.start().installModel("llama3.2:latest", "a80c")) {
            Kit.run(Kit.config(server.url(), fixtures, "live"), OnlyOneMethod.class)
                    .testEvents().assertStatistics(s -> s.succeeded(2));
        }
        assertThat(MODELS).containsExactlyInAnyOrder("llama3.2", "plain");
    }

    @Test
    void asMetaAnnotationsOnTheClassAndOnAComparedMethod() {
        MODELS.clear();
        try (FakeOllama server = FakeOllama.start().installModel("llama3.2:latest", "a80c")) {
            Kit.run(Kit.config(server.url(), fixtures, "live"), MetaAnnotated.class)
                    .testEvents().assertStatistics(s -> s.succeeded(2));
        }
        assertThat(MODELS).containsExactly("phi4", "llama3.2");
    }
}
