package io.github.llmtest;

import java.util.Locale;

/**
 * What one call cost, in US dollars, priced from the run's price table ({@code llmtest-prices.json}, see
 * {@link LlmTest#PRICES_PARAMETER}) and the token counts the server reported. Reasoning tokens are counted apart
 * from the rest of the output, since a reasoning model's hidden reasoning is often most of the bill; cached prompt
 * tokens apart from the rest of the prompt.
 *
 * <p>For a replayed answer this is what the call cost when it was recorded, priced by today's table.
 *
 * <pre>{@code
 * answer.cost().ifPresent(c -> System.out.println(c));   // $0.004125 (1000 prompt tokens, 200 cached, ...)
 * }</pre>
 *
 * @param model              the price table's entry that priced the call ({@code openai:gpt-4o*})
 * @param promptTokens       the prompt's tokens, the cached ones included
 * @param cachedPromptTokens of those, how many the server took from its prompt cache
 * @param outputTokens       the generated tokens, the reasoning ones included
 * @param reasoningTokens    of those, how many went to reasoning
 * @param inputUsd           the prompt's uncached tokens' cost (those written to a prompt cache, Anthropic's cache
 *                           creation tokens, at the price table's {@code cache_write_input})
 * @param cachedInputUsd     the cached prompt tokens' cost
 * @param outputUsd          the answer's tokens' cost, reasoning left out
 * @param reasoningUsd       the reasoning tokens' cost
 */
public record Cost(String model, int promptTokens, int cachedPromptTokens, int outputTokens, int reasoningTokens,
                   double inputUsd, double cachedInputUsd, double outputUsd, double reasoningUsd) {

    /** @return the whole call's cost in US dollars */
    public double totalUsd() {
        return inputUsd + cachedInputUsd + outputUsd + reasoningUsd;
    }

    /** @return the cost and the tokens behind it, reasoning shown apart, in one line */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "$%.6f (%d prompt tokens, %d cached; %d output tokens, %d reasoning:"
                        + " $%.6f of it; priced as %s)", totalUsd(), promptTokens, cachedPromptTokens, outputTokens,
                reasoningTokens, reasoningUsd, model);
    }
}
