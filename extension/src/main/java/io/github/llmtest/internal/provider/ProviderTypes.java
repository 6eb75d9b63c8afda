package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The providers on the class path, found once through {@link ServiceLoader}: llmtest's own and any a test class
 * path registers. Immutable once loaded.
 */
public final class ProviderTypes {

    private static final List<ProviderType> ALL = load();
    private static final ProviderType DEFAULT = ALL.stream().filter(ProviderType::isDefault).findFirst()
            .orElseThrow(() -> new IllegalStateException("llmtest found no default provider: its jar is incomplete"));

    private ProviderTypes() {
    }

    private static List<ProviderType> load() {
        List<ProviderType> found = new ArrayList<>();
        for (ProviderType type : ServiceLoader.load(ProviderType.class, ProviderType.class.getClassLoader())) {
            for (ProviderType known : found) {
                if (known.id().equals(type.id())) {
                    throw new IllegalStateException("Two providers have the id '" + type.id() + "': "
                            + known.getClass().getName() + " and " + type.getClass().getName());
                }
            }
            found.add(type);
        }
        return List.copyOf(found);
    }

    /** @return every provider, in the order the class path lists them */
    public static List<ProviderType> all() {
        return ALL;
    }

    /** @return the provider of model names without a prefix */
    public static ProviderType defaultType() {
        return DEFAULT;
    }

    /**
     * @param id a provider id, any case
     * @return the provider with that id
     */
    public static Optional<ProviderType> byId(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(t -> t.id().equals(lower)).findFirst();
    }

    /**
     * @param canonical a recorded canonical request
     * @return the provider that recorded it (the default one when no other claims it)
     */
    public static ProviderType ofRecording(JsonNode canonical) {
        for (ProviderType type : ALL) {
            if (!type.isDefault() && type.owns(canonical)) {
                return type;
            }
        }
        return DEFAULT;
    }

    /**
     * @param path a request path {@code LlmServer} received
     * @return the provider whose API it belongs to
     */
    public static Optional<ProviderType> serving(String path) {
        // the default provider's API is what no other claims
        return ALL.stream().filter(t -> !t.isDefault() && t.serves(path)).findFirst()
                .or(() -> DEFAULT.serves(path) ? Optional.of(DEFAULT) : Optional.empty());
    }

    /**
     * @param path a request path
     * @return the recorded endpoint at that path, with its provider
     */
    public static Optional<Endpoint> endpoint(String path) {
        for (ProviderType type : ALL) {
            for (Route route : type.routes()) {
                if (route.path().equals(path)) {
                    return Optional.of(new Endpoint(type, route));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A recorded endpoint and its provider.
     *
     * @param type  the provider
     * @param route the endpoint
     */
    public record Endpoint(ProviderType type, Route route) {
    }
}
