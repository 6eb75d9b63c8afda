package io.github.llmtest;

import io.github.llmtest.internal.provider.ConcurrencyLimits;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.ProviderTypes;
import io.github.llmtest.internal.provider.Timeouts;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's clients of one server, whatever their settings, send within one limit. */
class LiveSessionLimitsTest {

    @Test
    void twoClassesWithDifferentTimeoutsGetTwoClientsButShareTheServersOneLimit() {
        ProviderType ollama = ProviderTypes.defaultType();
        Settings quick = Settings.resolve(List.of(), name -> Optional.empty(), name -> null);
        Settings patient = new Settings(quick.mode(), quick.model(), quick.connections(), quick.fixturesDir(),
                quick.skipWhenUnavailable(), new Timeouts(Duration.ofSeconds(1), Duration.ofMinutes(9),
                Duration.ofMinutes(30)), quick.ignoredFields());
        try (LiveSession live = new LiveSession(ConcurrencyLimits.parse("3"))) {

            var first = live.provider(quick, ollama);
            var second = live.provider(patient, ollama);

            assertThat(second).as("a client per timeouts").isNotSameAs(first);
            assertThat(live.limits().all()).as("one limit for the one server").singleElement()
                    .satisfies(limit -> assertThat(limit.ceiling()).isEqualTo(3));
            assertThat(first.maxInFlight()).isEqualTo(3).isEqualTo(second.maxInFlight());
        }
    }

    @LlmTest
    static class TakesAnLlm {
        @org.junit.jupiter.api.Test
        void test(Llm llm) {
            assertThat(llm).isNotNull();
        }
    }

    @Test
    void aMalformedSettingFailsTheTestAsAConfigurationErrorNamingIt(@org.junit.jupiter.api.io.TempDir Path dir) {
        Map<String, String> config = new HashMap<>(Kit.config("http://127.0.0.1:9", dir, "replay"));
        config.put(LlmTest.CONCURRENCY_PARAMETER, "ollama=none");

        EngineExecutionResults results = Kit.run(config, TakesAnLlm.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(results.testEvents().failed().list().get(0).getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("llmtest.concurrency").hasMessageContaining("'ollama=none'");
    }
}
