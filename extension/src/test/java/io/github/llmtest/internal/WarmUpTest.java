package io.github.llmtest.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpTest {

    @Test
    void theWarmUpRunsTheReplayPathToTheEndWithoutFailing() {
        String out = WarmUp.run();

        assertThat(out).as("an empty result means a step of the warm-up threw").isNotEmpty()
                .startsWith("{\"test\":\"warm-up\",\"call\":1,").contains("\"replayed\":true")
                .contains("\"prompt\":\"1 + 1?\"").contains("\"key\":\"").contains("\"total_ms\":42.5");
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
