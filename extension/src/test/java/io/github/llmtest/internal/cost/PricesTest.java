package io.github.llmtest.internal.cost;

import io.github.llmtest.Cost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A price table matches a model exactly or by its longest prefix pattern, and refuses entries it cannot read. */
class PricesTest {

    static final Prices TABLE = Prices.parse("prices.json", """
            {"models": {"openai:gpt-4o*": {"input": 2.5, "cached_input": 1.25, "output": 10},
                        "openai:gpt-4o-mini*": {"input": 0.15, "output": 0.6},
                        "openai:gpt-4o-mini-2024-07-18": {"input": 1, "output": 1}}}
            """);

    @Test
    void theExactNameWinsOverAnyPattern() {
        Cost cost = TABLE.cost("openai:gpt-4o-mini-2024-07-18", 1_000_000L, null, 0L, null).orElseThrow();

        assertThat(cost.model()).isEqualTo("openai:gpt-4o-mini-2024-07-18");
        assertThat(cost.totalUsd()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void theLongestMatchingPrefixWins() {
        assertThat(TABLE.cost("openai:gpt-4o-mini", 1_000_000L, null, 0L, null).orElseThrow().model())
                .isEqualTo("openai:gpt-4o-mini*");
        assertThat(TABLE.cost("openai:gpt-4o-2024-11-20", 1_000_000L, null, 0L, null).orElseThrow().model())
                .isEqualTo("openai:gpt-4o*");
    }

    @Test
    void cachedInputDefaultsToInputAndReasoningToOutput() {
        Cost cost = TABLE.cost("openai:gpt-4o-mini", 2_000_000L, 1_000_000L, 2_000_000L, 1_000_000L).orElseThrow();

        assertThat(cost.inputUsd()).isCloseTo(0.15, within(1e-9));
        assertThat(cost.cachedInputUsd()).isCloseTo(0.15, within(1e-9));
        assertThat(cost.outputUsd()).isCloseTo(0.6, within(1e-9));
        assertThat(cost.reasoningUsd()).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void aModelWithoutAPriceOrACallWithoutTokenCountsHasNoCost() {
        assertThat(TABLE.cost("phi4", 100L, null, 100L, null)).isEmpty();
        assertThat(TABLE.cost("openai:gpt-4o", null, null, null, null)).isEmpty();
        assertThat(Prices.NONE.cost("openai:gpt-4o", 100L, null, 100L, null)).isEmpty();
    }

    @Test
    void aPatternWithAStarInsideIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> Prices.parse("p.json", "{\"models\": {\"gpt*-mini\": {\"input\": 1, \"output\": 1}}}"))
                .hasMessageContaining("p.json").hasMessageContaining("\"gpt*-mini\"")
                .hasMessageContaining("prefix ending in one '*'");
    }

    @Test
    void anUnknownPriceOrAMissingOneIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> Prices.parse("p.json", "{\"models\": {\"o1\": {\"input\": 1, \"ouput\": 1}}}"))
                .hasMessageContaining("entry \"o1\"").hasMessageContaining("\"ouput\" is not a price");
        assertThatThrownBy(() -> Prices.parse("p.json", "{\"models\": {\"o1\": {\"input\": 1}}}"))
                .hasMessageContaining("entry \"o1\"").hasMessageContaining("no \"output\" price");
        assertThatThrownBy(() -> Prices.parse("p.json", "{\"models\": {\"o1\": {\"input\": -1, \"output\": 1}}}"))
                .hasMessageContaining("not negative");
    }

    @Test
    void aFileThatIsNotATableIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> Prices.parse("p.json", "{\"gpt-4o\": 2.5}")).hasMessageContaining("p.json")
                .hasMessageContaining("\"models\" object");
        assertThatThrownBy(() -> Prices.parse("p.json", "{not json")).hasMessageContaining("not JSON");
    }
}
