package io.github.llmtest.internal.call;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpTest {

    @Test
    void theWarmUpReplaysOneCallThroughThePipelineToTheEndWithoutFailing() {
        String out = WarmUp.run();

        assertThat(out).as("an empty result means a step of the warm-up threw").isNotEmpty()
                .startsWith("{\"test\":\"warm-up\",\"call\":1,").contains("\"replayed\":true")
                .contains("\"prompt\":\"1 + 1?\"").contains("\"key\":\"")
                // the pipeline took the recorded model load (1 ms) out of the wall time (42.5 ms)
                .contains("\"total_ms\":41.5");
    }

    @Test
    void onlyFalseSwitchesItOff() {
        assertThat(WarmUp.enabled(null)).isTrue();
        assertThat(WarmUp.enabled("true")).isTrue();
        assertThat(WarmUp.enabled(" FALSE ")).isFalse();
        assertThat(WarmUp.enabled("false")).isFalse();
    }

    @Test
    void theServersClassesLoadWithoutItsConfigurationBeingRead() {
        assertThat(WarmUp.prepareServer()).as("every class named is there on this JDK").isEqualTo(10);
    }
}
