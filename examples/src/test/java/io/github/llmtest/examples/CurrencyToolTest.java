package io.github.llmtest.examples;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmRequest;
import io.github.llmtest.LlmTest;
import io.github.llmtest.Tool;
import io.github.llmtest.ToolCall;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static io.github.llmtest.assertj.LlmAssertions.within;

/**
 * A tool loop with a model that has the tools capability: the model must ask for the exchange rate rather than
 * guess it, and then convert with the rate the tool returned. Both turns are recorded in one fixture file; each
 * turn's key holds the turns before it, so a different tool result is a replay miss, never a stale answer.
 */
@LlmTest(model = "llama3.1")
class CurrencyToolTest {

    static final Tool EXCHANGE_RATE = Tool.builder("get_exchange_rate")
            .description("Today's exchange rate from US dollars to another currency")
            .requiredParameter("currency", "string", "ISO 4217 code of the target currency, such as EUR")
            .build();

    @Test
    void asksForTheRateThenConvertsWithIt(Llm llm) {
        LlmRequest.Builder conversation = LlmRequest.builder()
                .system("Use the tools to get exchange rates; never guess a rate.")
                .user("How many euros do I get for 1,250 US dollars?")
                .tools(EXCHANGE_RATE);

        LlmAnswer first = llm.chat(conversation.build());
        assertThat(first).calledToolWith("get_exchange_rate", "{\"currency\": \"EUR\"}");

        ToolCall call = first.toolCalls().get(0);
        LlmAnswer last = llm.chat(conversation.assistant(first).toolResult(call, rateFor(call)).build());
        assertThat(last).calledNoTool().finalNumber().isCloseTo(new BigDecimal("1150"), within(new BigDecimal("0.01")));
    }

    /** The tool, as the application would run it. */
    static String rateFor(ToolCall call) {
        return "{\"currency\": \"" + call.arguments().path("currency").asText() + "\", \"rate\": 0.92}";
    }
}
