package io.github.llmtest.examples;

import io.github.llmtest.Format;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmRequest;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static io.github.llmtest.assertj.LlmAssertions.within;

/**
 * A structured answer: the compound-interest question asked for JSON with Ollama's structured outputs, and the
 * same schema object checked on the answer, then the values inside it.
 */
@LlmTest
class StructuredAnswerTest {

    static final Format INTEREST = Format.schema("""
            {
              "type": "object",
              "properties": {
                "final_amount": { "type": "number", "minimum": 0 },
                "currency": { "type": "string", "enum": ["USD", "EUR"] },
                "periods": { "type": "integer" }
              },
              "required": ["final_amount", "currency", "periods"],
              "additionalProperties": false
            }""");

    @Test
    void compoundInterestAsJson(Llm llm) {
        LlmAnswer answer = llm.chat(LlmRequest.builder()
                .user(SeedPrompts.COMPOUND_INTEREST + " Answer in JSON with the final amount, its currency and the "
                        + "number of compounding periods.")
                .format(INTEREST).build());

        assertThat(answer).json().matchesSchema(INTEREST);
        assertThat(answer).json().node("/final_amount").asNumber()
                .isCloseTo(new BigDecimal("1638616.44"), within(BigDecimal.ONE));
        assertThat(answer).json().node("/currency").asText().isEqualTo("USD");
        assertThat(answer).json().isEqualToJson("{\"periods\": 20, \"currency\": \"USD\"}",
                io.github.llmtest.assertj.JsonAnswerAssert.Compare.IGNORING_EXTRA_FIELDS);
    }
}
