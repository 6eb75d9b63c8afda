package io.github.llmtest.internal.cost;

import io.github.llmtest.Cost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Prompt tokens written to a prompt cache (Anthropic's cache creation) cost their own price, cache reads theirs. */
class CacheWritePricesTest {

    static final Prices TABLE = Prices.parse("prices.json", """
            {"models": {"anthropic:claude-sonnet-4-5*": {"input": 3, "cached_input": 0.3,
                                                        "cache_write_input": 3.75, "output": 15},
                        "anthropic:claude-haiku*": {"input": 1, "output": 5}}}
            """);

    @Test
    void cacheWritesCostTheirPriceAsPartOfTheInputAndCacheReadsTheCachedPrice() {
        // 4M prompt tokens: 1M read from the cache, 2M written to it, 1M plain
        Cost cost = TABLE.cost("anthropic:claude-sonnet-4-5", 4_000_000L, 1_000_000L, 2_000_000L, 1_000_000L, null)
                .orElseThrow();

        assertThat(cost.promptTokens()).isEqualTo(4_000_000);
        assertThat(cost.cachedPromptTokens()).isEqualTo(1_000_000);
        assertThat(cost.inputUsd()).isCloseTo(3 + 2 * 3.75, within(1e-9));
        assertThat(cost.cachedInputUsd()).isCloseTo(0.3, within(1e-9));
        assertThat(cost.outputUsd()).isCloseTo(15, within(1e-9));
    }

    @Test
    void cacheWritesDefaultToTheInputPriceAndNeverExceedTheUncachedPrompt() {
        Cost cost = TABLE.cost("anthropic:claude-haiku-4-5", 1_000_000L, 500_000L, 900_000L, 0L, null)
                .orElseThrow();

        assertThat(cost.inputUsd()).as("500k uncached, all of them writes, at the input price")
                .isCloseTo(0.5, within(1e-9));
    }
}
