package io.github.llmtest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetFileTest {

    @Test
    void csvCasesAreNamedByTheirRowAndKnowTheirLineAndTags() {
        List<LlmCase> cases = DatasetFile.read("/datasets/sums.csv", getClass()).cases();

        assertThat(cases).extracting(LlmCase::id).containsExactly("1", "2", "3", "4");
        assertThat(cases).extracting(LlmCase::source)
                .containsExactly("sums.csv:2", "sums.csv:3", "sums.csv:4", "sums.csv:5");
        assertThat(cases.get(1).tags()).containsExactly("easy", "even");
        assertThat(cases.get(1).text("answer")).isEqualTo("6");
    }

    @Test
    void yamlCasesKnowTheLineTheyStartOn() {
        List<LlmCase> cases = DatasetFile.read("datasets/chats.yaml", getClass()).cases();

        assertThat(cases).extracting(LlmCase::id).containsExactly("follow-up", "plain");
        assertThat(cases).extracting(LlmCase::source).containsExactly("chats.yaml:2", "chats.yaml:10");
        assertThat(cases.get(0).messages()).extracting(Message::role).containsExactly("system", "user");
        assertThat(cases.get(1).get("answer").asInt()).isEqualTo(8);
        assertThat(cases.get(1).get("nothing").isMissingNode()).isTrue();
        assertThat(cases.get(1).optionalText("nothing")).isEmpty();
    }

    @Test
    void aCaseWithoutMessagesSaysSoNamingTheCaseAndFile() {
        LlmCase plain = DatasetFile.read("/datasets/chats.yaml", getClass()).cases().get(1);

        assertThatThrownBy(plain::messages).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Case \"plain\" (chats.yaml:10) has no \"messages\" list");
    }

    @Test
    void anUnknownExtensionIsNamedWithTheExtensionsThatAreRead() {
        assertThatThrownBy(() -> DatasetFile.read("/datasets/sums.txt", getClass()))
                .hasMessageContaining("none of .jsonl, .ndjson, .csv, .yaml, .yml");
    }
}
