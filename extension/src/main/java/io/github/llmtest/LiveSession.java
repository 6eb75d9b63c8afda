package io.github.llmtest;

import io.github.llmtest.ollama.KeepAlive;
import io.github.llmtest.ollama.ModelInfo;
import io.github.llmtest.ollama.OllamaClient;
import io.github.llmtest.ollama.OllamaException;
import io.github.llmtest.ollama.OllamaResponse;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What a run shares for live calls: one client per Ollama address, and one check-and-load per model before its
 * first live call, whose time is reported but never counted in a test's latency. Lives in the root store and
 * closes its clients when the run ends.
 */
final class LiveSession implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");
    private static final KeepAlive KEEP_LOADED = KeepAlive.of(Duration.ofMinutes(30));

    private final ConcurrentMap<String, OllamaClient> clients = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Readiness> models = new ConcurrentHashMap<>();

    /** The outcome of checking and loading one model: its facts, or the failure every later call repeats. */
    record Readiness(String ollamaVersion, String digest, Duration loadTime, OllamaException failure) {
    }

    OllamaClient client(Settings settings) {
        Settings.Timeouts t = settings.timeouts();
        return clients.computeIfAbsent(settings.baseUrl() + "|" + t, key -> OllamaClient.builder()
                .baseUrl(settings.baseUrl()).apiKey(settings.apiKey())
                .connectTimeout(t.connect()).readTimeout(t.read()).callTimeout(t.call()).build());
    }

    /**
     * Checks the server, loads the model, and remembers the outcome for the rest of the run.
     *
     * @throws OllamaException if the server is unreachable or the model is not pulled
     */
    Readiness ready(Settings settings, String model) {
        Readiness readiness = models.computeIfAbsent(settings.baseUrl() + "|" + model, k -> warmUp(settings, model));
        if (readiness.failure() != null) {
            throw readiness.failure();
        }
        return readiness;
    }

    private Readiness warmUp(Settings settings, String model) {
        OllamaClient client = client(settings);
        try {
            String version = client.version();
            OllamaResponse load = client.load(model, KEEP_LOADED);
            String digest = client.tags().stream().filter(m -> m.matches(model)).findFirst()
                    .flatMap(ModelInfo::digestIfKnown).orElse(null);
            Duration loadTime = load.wallTime();
            LOG.log(System.Logger.Level.INFO, () -> "llmtest: Ollama " + version + " at " + settings.baseUrl()
                    + " loaded " + model + " in " + Durations.format(loadTime)
                    + " (not counted in any test's latency)");
            return new Readiness(version, digest, loadTime, null);
        } catch (OllamaException e) {
            return new Readiness(null, null, null, e);
        }
    }

    @Override
    public void close() {
        clients.values().forEach(OllamaClient::close);
        clients.clear();
    }
}
