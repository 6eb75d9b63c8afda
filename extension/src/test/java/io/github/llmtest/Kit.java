package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs annotated test classes through the Jupiter engine, the way a build would. */
final class Kit {

    static final ObjectMapper JSON = new ObjectMapper();

    private Kit() {
    }

    static EngineExecutionResults run(Map<String, String> configuration, Class<?>... classes) {
        Map<String, String> all = new HashMap<>(configuration);
        all.putIfAbsent("junit.jupiter.extensions.autodetection.enabled", "false");
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter").configurationParameters(all);
        for (Class<?> c : classes) {
            builder.selectors(selectClass(c));
        }
        return builder.execute();
    }

    static Map<String, String> config(String url, Path fixtures, String mode) {
        Map<String, String> config = new HashMap<>();
        config.put(LlmTest.URL_PARAMETER, url);
        config.put(LlmTest.FIXTURES_DIR_PARAMETER, fixtures.toString());
        if (mode != null) {
            config.put(LlmTest.MODE_PARAMETER, mode);
        }
        return config;
    }

    /** {@link #config(String, Path, String)} with an OpenAI-compatible server's base URL too. */
    static Map<String, String> config(String url, String openAiUrl, Path fixtures, String mode) {
        Map<String, String> config = config(url, fixtures, mode);
        config.put(LlmTest.OPENAI_URL_PARAMETER, openAiUrl);
        return config;
    }

    static Path fixture(Path dir, Class<?> testClass, String method) {
        return dir.resolve(testClass.getName()).resolve(method + ".json");
    }

    /** Writes a fixture file for a test method, as a person writing one by hand would. */
    static Path writeFixture(Path dir, Class<?> testClass, String method, String content) {
        Path file = fixture(dir, testClass, method);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code value} parsed as JSON, failing the test when it is not. */
    static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fixture file as text with what a clock read left out (when each answer was recorded, how long it took), so
     * that two recordings of the same answers compare equal.
     */
    static String withoutClockReadings(Path file) {
        JsonNode root = read(file);
        for (JsonNode interaction : root.path("interactions")) {
            ObjectNode item = (ObjectNode) interaction;
            item.remove("recorded_at");
            item.remove("client");
            if (item.path("response") instanceof ObjectNode response) {
                response.remove(List.of("created_at", "total_duration", "load_duration", "prompt_eval_duration",
                        "eval_duration"));
            }
        }
        return root.toPrettyString();
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String failureMessage(EngineExecutionResults results) {
        List<Event> failed = results.testEvents().failed().list();
        if (failed.isEmpty()) {
            return "";
        }
        Optional<Throwable> t = failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable);
        return t.map(Throwable::getMessage).orElse("");
    }

    static Throwable failure(EngineExecutionResults results) {
        return results.testEvents().failed().list().get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
    }
}
