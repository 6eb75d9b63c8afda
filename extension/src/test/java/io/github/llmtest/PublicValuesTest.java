package io.github.llmtest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The value types users build themselves: answers for their own helpers' tests, options, formats. */
class PublicValuesTest {

    @Test
    void anAnswerBuiltFromTextAloneWorksWithEveryExtractionAssertion() {
        LlmAnswer answer = LlmAnswer.of("So F(20) = \\boxed{6765}.");

        assertThat(answer).boxedAnswer().isEqualTo("6765");
        assertThat(answer).finalNumber().isEqualByComparingTo("6765");
        assertThat(answer.replayed()).isFalse();
        assertThat(answer.provenance()).isEqualTo("live call to unknown");
        assertThat(answer.latency().total()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aBuiltReplayedAnswerSaysWhereItsFiguresCameFrom() {
        LlmAnswer answer = LlmAnswer.builder("42").model("phi4").prompt("6 * 7?").doneReason("length")
                .latency(Latency.builder(Duration.ofSeconds(12)).firstToken(Duration.ofSeconds(3))
                        .eval(Duration.ofSeconds(10)).outputTokens(300).build())
                .replayed(Instant.parse("2025-01-14T09:20:03Z"), true).build();

        assertThat(answer.provenance())
                .isEqualTo("replayed: recorded 2025-01-14T09:20:03Z against phi4 (hand-written fixture)");
        assertThat(answer.latency().tokensPerSecond()).hasValue(30.0);
        assertThat(answer.doneReason()).contains("length");
        assertThatThrownBy(() -> assertThat(answer).isComplete()).hasMessageContaining("done_reason \"length\"");
    }

    @Test
    void anAnswerIsAnImmutableValueThatAssertionsLeaveAsItWas() {
        LlmAnswer answer = LlmAnswer.of("The final answer is $1,638,616.44.");
        String before = answer.toString();

        assertThat(answer).finalNumber().isEqualByComparingTo("1638616.44");

        assertThat(answer.toString()).isEqualTo(before);
        assertThat(java.util.Arrays.stream(LlmAnswer.class.getDeclaredFields())
                .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers())))
                .as("every field of an answer is final").allMatch(f -> java.lang.reflect.Modifier.isFinal(f.getModifiers()))
                .as("no field holds a mutable list of notes").noneMatch(f -> f.getName().equals("extractions"));
    }

    @Test
    void negativeLatencyFiguresAreRefusedNamingTheFigure() {
        assertThatThrownBy(() -> Latency.builder(Duration.ofSeconds(-1)))
                .hasMessageContaining("total must not be negative");
        assertThatThrownBy(() -> Latency.builder(Duration.ZERO).firstToken(Duration.ofMillis(-5)))
                .hasMessageContaining("firstToken");
    }

    @Test
    void optionsMergeWithOverridesWinningAndListThemByTheirWireNames() {
        Options merged = Llm.DEFAULT_OPTIONS.with(Options.builder().temperature(0.7).stop("\n\n").build());

        assertThat(merged.asMap()).containsExactly(entry("num_ctx", 4096), entry("seed", 42),
                entry("stop", List.of("\n\n")), entry("temperature", 0.7));
        assertThat(merged.temperature()).hasValue(0.7);
        assertThat(merged.stop()).contains(List.of("\n\n"));
        assertThat(merged).isEqualTo(merged.toBuilder().build()).hasSameHashCodeAs(merged.toBuilder().build());
        assertThat(Options.none().isEmpty()).isTrue();
        assertThat(Options.builder().seed(0).build().asMap()).isEqualTo(Map.of("seed", 0));
    }

    @Test
    void aSchemaFormatKeepsItsSchemaAndJsonModeHasNone() {
        Format schema = Format.schema("{\"type\":\"object\",\"required\":[\"answer\"]}");

        assertThat(schema.schema()).get().extracting(s -> s.path("required").get(0).asText()).isEqualTo("answer");
        assertThat(Format.json().schema()).isEmpty();
        assertThat(Format.json()).hasToString("\"json\"");
        assertThatThrownBy(() -> Format.schema("not json")).hasMessageContaining("not valid JSON");
    }
}
