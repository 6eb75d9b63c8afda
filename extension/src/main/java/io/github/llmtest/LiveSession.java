package io.github.llmtest;

import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.provider.ConcurrencyLimits;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderException;
import io.github.llmtest.internal.provider.ProviderType;
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
    private final Map<Settings, Map<String, Provider>> bySettings = Collections.synchronizedMap(new IdentityHashMap<>());
    private final ConcurrentMap<String, Outcome> models = new ConcurrentHashMap<>();
    private final ConcurrencyLimits limits;

    LiveSession() {
        this(ConcurrencyLimits.defaults());
    }

    /** @param limits the run's per-server limits ({@value SettingNames#CONCURRENCY}) */
    LiveSession(ConcurrencyLimits limits) {
        this.limits = limits;
    }

    /** @return the run's per-server limits, shared by every test class, parallel or not */
    ConcurrencyLimits limits() {
        return limits;
    }

    /**
     * What makes two providers different: the provider, the server, its credentials (by hash) and the timeouts. A
     * string, not a record: a record's first {@code hashCode} bootstraps method handles, tens of milliseconds in a
     * cold JVM.
     */
    private static String providerKey(ProviderType type, Settings.Connection connection, Timeouts timeouts) {
        return type.id() + " " + connection.url().plain() + " " + java.util.Objects.hashCode(connection.url()
                .authorization()) + " " + java.util.Objects.hashCode(connection.apiKey()) + " "
                + timeouts.connect().toMillis() + " " + timeouts.read().toMillis() + " " + timeouts.call().toMillis();
    }

    /** A model's readiness, or the failure every later call repeats. */
    private record Outcome(Readiness readiness, ProviderException failure) {
    }

    /** The client of a provider's server for these settings. */
    Provider provider(Settings settings, ProviderType type) {
        // settings are shared (Settings.of caches them), so by identity is the cheap way to find their providers
        Map<String, Provider> known = bySettings.computeIfAbsent(settings, s -> new ConcurrentHashMap<>());
        Provider provider = known.get(type.id());
        if (provider == null) {
            Settings.Connection connection = settings.connection(type);
            provider = providers.computeIfAbsent(providerKey(type, connection, settings.timeouts()),
                    key -> type.client(connection.url(), connection.apiKey(), settings.timeouts(),
                            limits.of(type, connection.url())));
            known.put(type.id(), provider);
        }
        return provider;
    }

    /**
     * Checks the server, loads the model where the provider does, and remembers the outcome for the run.
     *
     * @throws ProviderException if the server is unreachable or the model is not there
     */
    Readiness ready(Settings settings, ProviderType type, String model) {
        String address = settings.connection(type).url().plain();
        Outcome outcome = models.computeIfAbsent(type.id() + "|" + address + "|" + model,
                k -> warmUp(settings, type, model));
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.readiness();
    }

    private Outcome warmUp(Settings settings, ProviderType type, String model) {
        try {
            Readiness readiness = provider(settings, type).prepare(model);
            if (readiness.loadTime() != null) {
                LOG.log(System.Logger.Level.INFO, () -> "llmtest: " + type.serverName() + " "
                        + readiness.serverVersion() + " at " + settings.connection(type).url() + " loaded " + model
                        + " in " + Durations.format(readiness.loadTime()) + " (not counted in any test's latency)");
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
