package io.github.llmtest.internal.call;

import io.github.llmtest.LlmAnswer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;

class ExtractionsTest {

    @Test
    void anAssertionNotesWhatItExtractedInTheRecordOfTheSessionThatServedTheAnswer() {
        LlmAnswer answer = LlmAnswer.of("So the answer is \\boxed{5}.");
        List<String> noted = new ArrayList<>();
        Extractions.servedBy(answer, (served, what, value) -> noted.add((served == answer) + " " + what + "=" + value));

        assertThat(answer).boxedAnswer().isEqualTo("5");

        org.assertj.core.api.Assertions.assertThat(noted).containsExactly("true boxed answer=5");
    }

    @Test
    void anAnswerNoSessionServedIsCheckedWithoutBeingNoted() {
        LlmAnswer served = LlmAnswer.of("\\boxed{5}");
        List<String> noted = new ArrayList<>();
        Extractions.servedBy(served, (answer, what, value) -> noted.add(what));

        assertThat(LlmAnswer.of("\\boxed{5}")).boxedAnswer().isEqualTo("5");

        org.assertj.core.api.Assertions.assertThat(noted).isEmpty();
    }
}
