package io.github.llmtest.internal.report;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class RunAheadTest {

    @LlmTest
    static class WholeClass {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
        }
    }

    static class OneMethod {
        @LlmTest
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
        }
    }

    static class Plain {
        @org.junit.jupiter.api.Test
        void plain() {
        }
    }

    private static TestPlan plan(Map<String, String> config) {
        Map<String, String> all = new HashMap<>(config);
        all.putIfAbsent(LlmTest.MODE_PARAMETER, "replay");
        return LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Plain.class), selectClass(WholeClass.class), selectClass(OneMethod.class))
                .configurationParameters(all).build());
    }

    private static java.util.List<Path> directories(Map<String, String> config) {
        return RunAhead.directories(plan(config));
    }

    @Test
    void theDirectoriesAreThoseOfTheClassesThatUseLlmTestInTheConfiguredFixturesDir() {
        assertThat(directories(Map.of(LlmTest.FIXTURES_DIR_PARAMETER, "fx"))).containsExactly(
                Path.of("fx", WholeClass.class.getName()), Path.of("fx", OneMethod.class.getName()));
        assertThat(directories(Map.of())).first()
                .isEqualTo(Path.of(LlmTest.DEFAULT_FIXTURES_DIR, WholeClass.class.getName()));
    }

    @Test
    void nothingIsPreloadedWhenTheRunRecordsOrRunsLive() {
        assertThat(directories(Map.of(LlmTest.MODE_PARAMETER, "record"))).isEmpty();
        assertThat(directories(Map.of(LlmTest.MODE_PARAMETER, "LIVE"))).isEmpty();
        assertThat(RunAhead.llmTestClasses(plan(Map.of(LlmTest.MODE_PARAMETER, "record")))).as("the server still starts")
                .containsExactly(WholeClass.class.getName(), OneMethod.class.getName());
    }
}
