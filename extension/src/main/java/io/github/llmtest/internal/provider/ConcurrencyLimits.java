package io.github.llmtest.internal.provider;

import io.github.llmtest.internal.SettingNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The run's per-server limits ({@link AdaptiveLimit}), one per provider and base URL, whichever client, thread or
 * test class calls, and the {@link LiveProgress} over them. The ceiling of each comes from
 * {@value SettingNames#CONCURRENCY}: a comma-separated list of entries, each {@code N} (every server),
 * {@code <provider>=N} (such as {@code ollama=2}) or {@code <base URL>=N} (such as
 * {@code http://gpu-box:11434=8}, matching every base URL it begins); the most specific entry wins, and without one
 * the provider's own default applies ({@link ProviderType#defaultConcurrency}). Thread-safe.
 */
public final class ConcurrencyLimits {

    private final Integer everyServer;
    private final Map<String, Integer> byProvider;
    private final Map<String, Integer> byUrl;
    private final ConcurrentMap<String, AdaptiveLimit> limits = new ConcurrentHashMap<>();
    private final LiveProgress progress;

    private ConcurrencyLimits(Integer everyServer, Map<String, Integer> byProvider, Map<String, Integer> byUrl,
                              LiveProgress progress) {
        this.everyServer = everyServer;
        this.byProvider = byProvider;
        this.byUrl = byUrl;
        this.progress = progress;
    }

    /** @return limits with every provider's default */
    public static ConcurrencyLimits defaults() {
        return parse(null);
    }

    /**
     * @param setting the value of {@value SettingNames#CONCURRENCY}, or null
     * @return the limits it sets
     * @throws IllegalArgumentException naming the entry that is not {@code N}, {@code <provider>=N} or
     *                                  {@code <base URL>=N} with N a whole number of at least 1
     */
    public static ConcurrencyLimits parse(String setting) {
        return parse(setting, new LiveProgress(LiveProgress.INTERVAL, System::nanoTime));
    }

    static ConcurrencyLimits parse(String setting, LiveProgress progress) {
        Integer every = null;
        Map<String, Integer> providers = new LinkedHashMap<>();
        Map<String, Integer> urls = new LinkedHashMap<>();
        if (setting != null && !setting.isBlank()) {
            for (String raw : setting.split(",")) {
                String entry = raw.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                int eq = entry.lastIndexOf('=');
                String target = eq < 0 ? "" : entry.substring(0, eq).strip();
                int value = number(entry.substring(eq + 1).strip(), entry);
                if (target.isEmpty()) {
                    every = value;
                } else if (target.contains("://")) {
                    urls.put(trim(target), value);
                } else {
                    providers.put(target.toLowerCase(Locale.ROOT), value);
                }
            }
        }
        return new ConcurrencyLimits(every, Map.copyOf(providers), Map.copyOf(urls), progress);
    }

    private static int number(String text, String entry) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("The configuration parameter " + SettingNames.CONCURRENCY
                + " has the entry '" + entry + "', which is not N, <provider>=N or <base URL>=N with N a whole "
                + "number of at least 1. Write it as, for example, -D" + SettingNames.CONCURRENCY
                + "=ollama=2,openai=32,http://gpu-box:11434=8");
    }

    private static String trim(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * @param type the provider
     * @param url  the server's base URL
     * @return the most requests at once for this server: the longest base URL entry it begins with, else the
     * provider's entry, else the entry for every server, else the provider's default
     */
    public int ceiling(ProviderType type, BaseUrl url) {
        String plain = trim(url.plain());
        String best = null;
        for (String configured : byUrl.keySet()) {
            if ((plain.equals(configured) || plain.startsWith(configured + "/"))
                    && (best == null || configured.length() > best.length())) {
                best = configured;
            }
        }
        if (best != null) {
            return byUrl.get(best);
        }
        Integer provider = byProvider.get(type.id().toLowerCase(Locale.ROOT));
        if (provider != null) {
            return provider;
        }
        return everyServer != null ? everyServer : type.defaultConcurrency(url);
    }

    /**
     * @param type the provider
     * @param url  the server's base URL
     * @return the one limit of this server in the run, created on first use
     */
    public AdaptiveLimit of(ProviderType type, BaseUrl url) {
        String server = type.id() + " " + url.plain();
        return limits.computeIfAbsent(server, s -> new AdaptiveLimit(s, ceiling(type, url), this::tick));
    }

    /** @return every server's limit so far, by server */
    public List<AdaptiveLimit> all() {
        List<AdaptiveLimit> all = new ArrayList<>(limits.values());
        all.sort((a, b) -> a.server().compareTo(b.server()));
        return all;
    }

    /**
     * Announces calls the run is about to make (the cases of a dataset), for the progress line's estimate.
     *
     * @param calls how many
     */
    public void expect(int calls) {
        progress.expect(calls);
    }

    private void tick() {
        progress.tick(all());
    }
}
