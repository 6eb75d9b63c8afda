package io.github.llmtest;

import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.ollama.OllamaClient;
import io.github.llmtest.internal.openai.OpenAiClient;
import io.github.llmtest.internal.provider.BaseUrl;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderException;
import io.github.llmtest.internal.provider.Readiness;
import io.github.llmtest.internal.provider.Timeouts;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What a run shares for live calls: one provider per server address, and one check-and-load per model before its
 * first live call, whose time is reported but never counted in a test's latency. Lives in the root store and
 * closes its providers when the run ends. A provider makes no connection until its first live call.
 */
final class LiveSession implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");

    private final ConcurrentMap<String, Provider> providers = new ConcurrentHashMap<>();
    private final Map<Settings, Provider> ollamaBySettings = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<Settings, Provider> openAiBySettings = Collections.synchronizedMap(new IdentityHashMap<>());
    private final ConcurrentMap<String, Outcome> models = new ConcurrentHashMap<>();

    /**
     * What makes two providers different: the server, its credentials (by hash) and the timeouts. A string, not a
     * record: a record's first {@code hashCode} bootstraps method handles, tens of milliseconds in a cold JVM.
     */
    private static String providerKey(boolean openAi, BaseUrl url, Timeouts timeouts) {
        return (openAi ? "openai " : "ollama ") + url.plain() + " " + java.util.Objects.hashCode(url.authorization())
                + " " + timeouts.connect().toMillis() + " " + timeouts.read().toMillis() + " "
                + timeouts.call().toMillis();
    }

    /** A model's readiness, or the failure every later call repeats. */
    private record Outcome(Readiness readiness, ProviderException failure) {
    }

    /** The provider that serves a model: Ollama, or the OpenAI-compatible server for {@code openai:} models. */
    Provider provider(Settings settings, ModelName model) {
        return provider(settings, model.isOpenAi());
    }

    /** The Ollama client, or with {@code openAi} the OpenAI-compatible one, for these settings. */
    Provider provider(Settings settings, boolean openAi) {
        // settings are shared (Settings.of caches them), so by identity is the cheap way to find their provider
        Map<Settings, Provider> known = openAi ? openAiBySettings : ollamaBySettings;
        Provider provider = known.get(settings);
        if (provider == null) {
            provider = newProvider(settings, openAi);
            known.put(settings, provider);
        }
        return provider;
    }

    private Provider newProvider(Settings settings, boolean openAi) {
        BaseUrl url = openAi ? settings.openAiUrl() : settings.baseUrl();
        return providers.computeIfAbsent(providerKey(openAi, url, settings.timeouts()), key -> openAi
                ? OpenAiClient.builder().baseUrl(url).apiKey(settings.openAiKey()).timeouts(settings.timeouts()).build()
                : OllamaClient.builder().baseUrl(url).apiKey(settings.apiKey()).timeouts(settings.timeouts()).build());
    }

    /**
     * Checks the server, loads the model where the provider does, and remembers the outcome for the run.
     *
     * @throws ProviderException if the server is unreachable or the model is not there
     */
    Readiness ready(Settings settings, ModelName model) {
        String address = (model.isOpenAi() ? settings.openAiUrl() : settings.baseUrl()).plain();
        Outcome outcome = models.computeIfAbsent(model.provider() + "|" + address + "|" + model.model(),
                k -> warmUp(settings, model));
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.readiness();
    }

    private Outcome warmUp(Settings settings, ModelName model) {
        try {
            Readiness readiness = provider(settings, model).prepare(model.model());
            if (readiness.loadTime() != null) {
                LOG.log(System.Logger.Level.INFO, () -> "llmtest: Ollama " + readiness.serverVersion() + " at "
                        + settings.baseUrl() + " loaded " + model.model() + " in "
                        + Durations.format(readiness.loadTime()) + " (not counted in any test's latency)");
            }
            return new Outcome(readiness, null);
        } catch (ProviderException e) {
            return new Outcome(null, e);
        }
    }

    @Override
    public void close() {
        providers.values().forEach(Provider::close);
        providers.clear();
    }
}
